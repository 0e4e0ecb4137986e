package io.dataivr.session.record;

import java.util.UUID;

/** An admin reads what a session did, open or ended. */
public class SessionRecordService {

    private final SessionRecords records;

    public SessionRecordService(SessionRecords records) {
        this.records = records;
    }

    public SessionRecord record(UUID sessionId) {
        return records.find(sessionId).orElseThrow(() -> new NoSuchSessionRecord(sessionId));
    }
}
