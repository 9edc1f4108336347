package io.acqsim.admin;

import java.time.Duration;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * From a request to its response, without any Netty: route (404, 405 with Allow), token check (401;
 * 403 for a write with the session cookie but without the CSRF token), the handler, and the mapping of
 * failures to the error catalogue. Never throws: a handler's unexpected exception is logged with its
 * stack trace and answered with a generic 500.
 * <p>
 * A wrong token is logged with the remote address and the route (never the token, nor the query string
 * that may carry it), and its 401 is held back as long as {@link FailedAttempts} says; a request with no
 * token at all is logged and answered at once; a right token ends its address's streak of failures.
 */
final class Dispatcher {
    private static final Logger LOG = LogManager.getLogger(Dispatcher.class);

    /** A response and how long to hold it back before writing it. */
    record Answer(AdminResponse response, Duration delay) {
        static Answer now(AdminResponse response) {
            return new Answer(response, Duration.ZERO);
        }
    }

    private final Routes routes;
    private final AdminAuth auth;
    private final FailedAttempts failures;

    Dispatcher(Routes routes, AdminAuth auth, FailedAttempts failures) {
        this.routes = routes;
        this.auth = auth;
        this.failures = failures;
    }

    /** The answer to {@code request} from {@code remote}, the client's IP address as text. */
    Answer answer(AdminRequest request, String remote) {
        try {
            return switch (routes.resolve(request.method(), request.path())) {
                case Routes.NotFound _ -> Answer.now(AdminResponse.error(ApiError.NOT_FOUND, "no route for " + request.method() + " " + request.path()));
                case Routes.WrongMethod w -> Answer.now(AdminResponse.error(ApiError.METHOD_NOT_ALLOWED,
                                request.method() + " is not allowed on " + request.path() + "; allowed: " + String.join(", ", w.allowed()))
                        .withHeader("Allow", String.join(", ", w.allowed())));
                case Routes.Found f -> call(f, request.withPathParams(f.params()), remote);
            };
        } catch (ApiException e) {
            return Answer.now(AdminResponse.error(e));
        } catch (RuntimeException e) {
            return Answer.now(internal(request, e));
        }
    }

    private Answer call(Routes.Found found, AdminRequest request, String remote) {
        AdminAuth.Verdict verdict = found.route().open() ? AdminAuth.Verdict.ALLOWED : auth.check(request);
        switch (verdict) {
            case NO_TOKEN -> {
                LOG.info("admin API: {} from {} without a token: 401", request, remote);
                return Answer.now(AdminResponse.error(ApiError.UNAUTHORIZED, null));
            }
            case WRONG_TOKEN -> {
                FailedAttempts.Failure f = failures.failed(remote);
                LOG.warn("admin API: {} from {} with a wrong token ({} in a row from that address): 401 after {} ms",
                        request, remote, f.inARow(), f.delay().toMillis());
                return new Answer(AdminResponse.error(ApiError.UNAUTHORIZED, null), f.delay());
            }
            case CSRF_TOKEN_MISSING -> {
                failures.succeeded(remote);
                return Answer.now(AdminResponse.error(ApiError.CSRF_TOKEN_MISSING, request + ": " + ApiError.CSRF_TOKEN_MISSING.defaultMessage()));
            }
            case ALLOWED, ALLOWED_SET_COOKIE -> {
                if (!found.route().open()) failures.succeeded(remote);
            }
        }
        AdminResponse response;
        try {
            response = found.route().handler().handle(found.route().open() ? request : request.withCsrfToken(auth.csrfToken()));
            if (response == null) throw new IllegalStateException("handler of " + found.route().method() + " " + found.route().pattern() + " returned null");
        } catch (ApiException e) {
            response = AdminResponse.error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = internal(request, e);
        } catch (Exception e) {
            response = internal(request, e);
        }
        return Answer.now(verdict == AdminAuth.Verdict.ALLOWED_SET_COOKIE ? response.withHeader("Set-Cookie", auth.setCookieHeader()) : response);
    }

    private static AdminResponse internal(AdminRequest request, Exception e) {
        LOG.error("admin API {} failed", request, e);
        return AdminResponse.error(ApiError.INTERNAL, null);
    }
}
