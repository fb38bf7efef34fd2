package jp.anzen.reporting.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Summaries over many facilities. Only facilities' own forms count here (vendor forms are reported per facility); a
 * facility without a medical information system expects no items (its form is complete after the pre-question).
 * The present is read from each form's current answers ({@link SummaryNow}); any other instant from the answers'
 * history ({@link SummaryAsOf}). Both give the same summary for the same state (PresentSummaryTest).
 */
@ApplicationScoped
public class SummaryQueries {

    /** Which facilities a summary covers: a condition on {@code facility f} taking the value and the instant twice. */
    public enum Scope {
        NETWORK("EXISTS (SELECT 1 FROM facility_network n WHERE n.facility_code = f.code AND n.network_id = ?"
                + " AND n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?))"),
        PREFECTURE("f.prefecture = ? AND ?::timestamptz IS NOT NULL AND ?::timestamptz IS NOT NULL");

        final String filter;

        Scope(String filter) {
            this.filter = filter;
        }
    }

    /** An asOf this close to the clock asks for the present: nothing projected is valid from later than that. */
    private static final Duration PRESENT = Duration.ofSeconds(1);

    private final AgroalDataSource dataSource;

    public SummaryQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The summary with at most {@code overdueLimit} overdue answers listed, the oldest first (all are counted). */
    public Summary summary(Scope scope, String scopeValue, int fiscalYear, Instant asOf, int overdueLimit) {
        boolean present = !asOf.isBefore(Instant.now().minus(PRESENT));
        return read(scope, scopeValue, fiscalYear, asOf, overdueLimit, present);
    }

    /** The history's way, whatever the instant: for the test that holds both ways to the same result. */
    Summary fromHistory(Scope scope, String scopeValue, int fiscalYear, Instant asOf, int overdueLimit) {
        return read(scope, scopeValue, fiscalYear, asOf, overdueLimit, false);
    }

    private Summary read(Scope scope, String scopeValue, int fiscalYear, Instant asOf, int overdueLimit, boolean present) {
        try (Connection c = dataSource.getConnection()) {
            SummaryParts parts = withCustomPlans(c, () -> present ? SummaryNow.read(c, scope, scopeValue, fiscalYear, asOf)
                    : SummaryAsOf.read(c, scope, scopeValue, fiscalYear, asOf));
            return assemble(scope.name().toLowerCase(Locale.ROOT) + ":" + scopeValue, fiscalYear, asOf, parts, overdueLimit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Read {
        SummaryParts run() throws SQLException;
    }

    /**
     * After five runs of a prepared statement PostgreSQL may keep one plan for any parameters. For a summary that
     * generic plan assumes a third of all facilities whatever the scope: a network of a few facilities, beside 10,000
     * others, took 33 ms instead of 6 to 11.
     * Planning each time costs about a millisecond, in a read-only transaction of its own.
     */
    private static SummaryParts withCustomPlans(Connection c, Read read) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            SummaryParts parts = read.run();
            c.commit();
            return parts;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setReadOnly(false);
            c.setAutoCommit(true);
        }
    }

    /*
     * The orders, written out: Comparator.comparing chains share their lambda classes with every other use in the
     * process, and sorting 10,000 lines through those megamorphic calls took a quarter of a summary's time.
     */

    /** Facility lines by code, a facility's forms in the order of their ids, one without a form last. */
    private static int byCode(Summary.FacilityLine a, Summary.FacilityLine b) {
        int code = a.code().compareTo(b.code());
        if (code != 0 || Objects.equals(a.assessmentId(), b.assessmentId())) {
            return code;
        }
        return a.assessmentId() == null ? 1 : b.assessmentId() == null ? -1 : a.assessmentId().compareTo(b.assessmentId());
    }

    /**
     * The lines in {@link #byCode} order. Facility codes are ten digits (medical institution codes), and comparing
     * 10,000 of them as strings was an eighth of a summary's samples; ten-digit strings are in the order of their
     * numbers, so each line's number and index are packed into a long and the longs sorted. Lines sharing a code (a
     * facility with more than one form) are then put in order among themselves. Any other code: the comparator.
     */
    static List<Summary.FacilityLine> sortedByCode(List<Summary.FacilityLine> lines) {
        int n = lines.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long number = n < 1 << 24 ? tenDigits(lines.get(i).code()) : -1; // the index takes the low 24 bits
            if (number < 0) {
                List<Summary.FacilityLine> sorted = new ArrayList<>(lines);
                sorted.sort(SummaryQueries::byCode);
                return sorted;
            }
            keys[i] = number << 24 | i; // 10^10 < 2^34: 58 bits
        }
        Arrays.sort(keys);
        List<Summary.FacilityLine> sorted = new ArrayList<>(n);
        for (long key : keys) {
            sorted.add(lines.get((int) (key & 0xFFFFFF)));
        }
        for (int from = 0, to; from < n; from = to) {
            for (to = from + 1; to < n && sorted.get(to).code().equals(sorted.get(from).code()); to++) {
                // a run of one code
            }
            if (to - from > 1) {
                sorted.subList(from, to).sort(SummaryQueries::byCode);
            }
        }
        return sorted;
    }

    /** The number a ten-digit code spells, or -1. */
    private static long tenDigits(String code) {
        if (code.length() != 10) {
            return -1;
        }
        long number = 0;
        for (int i = 0; i < 10; i++) {
            char digit = code.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            number = number * 10 + (digit - '0');
        }
        return number;
    }

    /** Items answered "no" most often first, then in catalogue order (then by id, across versions). */
    private static int byNo(SummaryParts.ItemCount a, SummaryParts.ItemCount b) {
        int no = Integer.compare(b.no(), a.no());
        if (no != 0) {
            return no;
        }
        int position = Integer.compare(a.position(), b.position());
        return position != 0 ? position : a.requirementId().compareTo(b.requirementId());
    }

    /** The oldest target date first, then by facility and catalogue order. */
    private static int byTargetDate(SummaryParts.OverdueAnswer a, SummaryParts.OverdueAnswer b) {
        int date = a.targetDate().compareTo(b.targetDate());
        if (date != 0) {
            return date;
        }
        int code = a.facilityCode().compareTo(b.facilityCode());
        return code != 0 ? code : Integer.compare(a.position(), b.position());
    }

    /**
     * The {@code limit} oldest overdue answers, in order. The JSON lists 100 of often thousands (12,000 in the load
     * run), and sorting them all was a tenth of a summary's time: a heap of the {@code limit} oldest so far keeps them.
     */
    static List<SummaryParts.OverdueAnswer> oldest(List<SummaryParts.OverdueAnswer> all, int limit) {
        if (limit >= all.size()) {
            List<SummaryParts.OverdueAnswer> sorted = new ArrayList<>(all);
            sorted.sort(SummaryQueries::byTargetDate);
            return sorted;
        }
        if (limit == 0) {
            return List.of();
        }
        // the newest of those kept on top, to be dropped when an older one comes
        PriorityQueue<SummaryParts.OverdueAnswer> kept = new PriorityQueue<>(limit + 1, (a, b) -> byTargetDate(b, a));
        for (SummaryParts.OverdueAnswer answer : all) {
            if (kept.size() < limit) {
                kept.add(answer);
            } else if (byTargetDate(answer, kept.peek()) < 0) {
                kept.poll();
                kept.add(answer);
            }
        }
        List<SummaryParts.OverdueAnswer> sorted = new ArrayList<>(kept);
        sorted.sort(SummaryQueries::byTargetDate);
        return sorted;
    }

    private static Summary assemble(String scope, int fiscalYear, Instant asOf, SummaryParts parts, int overdueLimit) {
        List<Summary.FacilityLine> facilities = sortedByCode(parts.facilities());
        int codes = 0;
        int withoutFirst = 0;
        for (int i = 0; i < facilities.size();) {
            String code = facilities.get(i).code();
            boolean answered = false;
            for (; i < facilities.size() && facilities.get(i).code().equals(code); i++) {
                Summary.FacilityLine l = facilities.get(i);
                answered |= l.yes() + l.no() + l.notApplicable() > 0;
            }
            codes++;
            withoutFirst += answered ? 0 : 1;
        }
        int forms = Math.max(1, parts.forms());
        List<Summary.ItemLine> items = parts.items().stream()
                .sorted(SummaryQueries::byNo)
                .map(i -> new Summary.ItemLine(i.requirementId(), i.number(), i.textJa(), i.no(), i.answered(),
                        Math.round(1000.0 * i.no() / forms) / 1000.0))
                .toList();
        List<Summary.Overdue> overdue = oldest(parts.overdue(), overdueLimit).stream()
                .map(o -> new Summary.Overdue(o.facilityCode(), o.requirementId(), o.number(), o.targetDate()))
                .toList();
        return new Summary(scope, fiscalYear, asOf, codes, withoutFirst, facilities, items, parts.overdue().size(), overdue);
    }
}
