package jp.anzen.assessment.facility;

import java.util.regex.Pattern;

/**
 * The 10-digit 医療機関コード / 薬局コード: prefecture (01-47), point-table digit (1 medical, 3 dental,
 * 4 pharmacy), then 7 digits.
 */
public final class FacilityCode {

    private static final Pattern FORMAT = Pattern.compile("(0[1-9]|[1-3][0-9]|4[0-7])[134][0-9]{7}");

    private FacilityCode() {
    }

    public static boolean isValid(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }

    public static String prefecture(String code) {
        return code.substring(0, 2);
    }

    public static char pointTable(String code) {
        return code.charAt(2);
    }

    public static String streamId(String code) {
        return "facility-" + code;
    }

    public static final String RULE = "10 digits: prefecture 01-47, then 1 (medical), 3 (dental) or 4 (pharmacy), then 7 digits";
}
