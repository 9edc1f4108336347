package io.acqsim.admin;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * From a request to its response, without any Netty: route (404, 405 with Allow), token check (401;
 * 403 for a write with the session cookie but without the CSRF token), the handler, and the mapping of
 * failures to the error catalogue. Never throws: a handler's unexpected exception is logged with its
 * stack trace and answered with a generic 500.
 */
final class Dispatcher {
    private static final Logger LOG = LogManager.getLogger(Dispatcher.class);

    private final Routes routes;
    private final AdminAuth auth;

    Dispatcher(Routes routes, AdminAuth auth) {
        this.routes = routes;
        this.auth = auth;
    }

    AdminResponse answer(AdminRequest request) {
        try {
            return switch (routes.resolve(request.method(), request.path())) {
                case Routes.NotFound _ -> AdminResponse.error(ApiError.NOT_FOUND, "no route for " + request.method() + " " + request.path());
                case Routes.WrongMethod w -> AdminResponse.error(ApiError.METHOD_NOT_ALLOWED,
                                request.method() + " is not allowed on " + request.path() + "; allowed: " + String.join(", ", w.allowed()))
                        .withHeader("Allow", String.join(", ", w.allowed()));
                case Routes.Found f -> call(f, request.withPathParams(f.params()));
            };
        } catch (ApiException e) {
            return AdminResponse.error(e);
        } catch (RuntimeException e) {
            return internal(request, e);
        }
    }

    private AdminResponse call(Routes.Found found, AdminRequest request) {
        AdminAuth.Verdict verdict = found.route().open() ? AdminAuth.Verdict.ALLOWED : auth.check(request);
        if (verdict == AdminAuth.Verdict.DENIED) return AdminResponse.error(ApiError.UNAUTHORIZED, null);
        if (verdict == AdminAuth.Verdict.CSRF_TOKEN_MISSING) {
            return AdminResponse.error(ApiError.CSRF_TOKEN_MISSING, request + ": " + ApiError.CSRF_TOKEN_MISSING.defaultMessage());
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
        return verdict == AdminAuth.Verdict.ALLOWED_SET_COOKIE ? response.withHeader("Set-Cookie", auth.setCookieHeader()) : response;
    }

    private static AdminResponse internal(AdminRequest request, Exception e) {
        LOG.error("admin API {} failed", request, e);
        return AdminResponse.error(ApiError.INTERNAL, null);
    }
}
