package io.lantian.dispatch.list;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, Z, S, V); the
 * last is a check character: 31 − (Σ value(cᵢ) × wᵢ mod 31), with the weights below, where 31 becomes 0.
 */
public final class CreditCode {

    static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** @return null when valid, otherwise why not */
    public static String problem(String code) {
        if (code == null || code.length() != 18) {
            return "a unified social credit code has 18 characters";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARACTERS.indexOf(code.charAt(i));
            if (value < 0) {
                return "character " + (i + 1) + " ('" + code.charAt(i) + "') is not allowed";
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        if (CHARACTERS.charAt(check) != code.charAt(17)) {
            return "the check character should be " + CHARACTERS.charAt(check) + ", not " + code.charAt(17);
        }
        return null;
    }

    /** The full code for its first 17 characters (test data, demo lists). */
    public static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARACTERS.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return first17 + CHARACTERS.charAt((31 - sum % 31) % 31);
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }
}
