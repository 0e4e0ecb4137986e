package io.dataivr.report;

import java.util.List;

/** Where the calls and sessions of a day are read from (PostgreSQL: store.pg.JdbcCallReportStore). */
public interface CallReportStore {

    /** The voice calls requested during {@code day}, oldest first. */
    List<CallRecord> calls(ReportDay day);

    /** The sessions started during {@code day}. */
    SessionCounts sessions(ReportDay day);
}
