package dev.gatehouse.code;

/** A new code as it is stored: its keyed hash, and its mail sealed for the outbox. The code itself is in neither. */
record IssuedCode(String hash, String sealedMail) {

    @Override
    public String toString() {
        return "IssuedCode[]";
    }
}
