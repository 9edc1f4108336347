package io.acqsim.iso;

import org.jpos.iso.BcdPrefixer;
import org.jpos.iso.ISOStringFieldPackager;
import org.jpos.iso.NullPadder;

/** Field packager for cup field 35: 1-byte BCD length (in digits), then {@link Track2Interpreter}. */
public final class IFB_LLTRACK2 extends ISOStringFieldPackager {
    public IFB_LLTRACK2() {
        super(NullPadder.INSTANCE, Track2Interpreter.INSTANCE, BcdPrefixer.LL);
    }

    public IFB_LLTRACK2(int len, String description) {
        super(len, description, NullPadder.INSTANCE, Track2Interpreter.INSTANCE, BcdPrefixer.LL);
        checkLength(len, 99);
    }
}
