package io.dataivr.api.http.admin;

import io.dataivr.session.SessionRecord;
import io.dataivr.session.SessionRecordService;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** Admins read what a consultation session did: its items, deliveries, calls and end record. */
@RestController
@SecurityRequirement(name = "adminBasic")
@RequestMapping("/api/v1/admin/sessions")
class AdminSessionController {

    private final SessionRecordService records;

    AdminSessionController(SessionRecordService records) {
        this.records = records;
    }

    @GetMapping("/{id}")
    SessionRecord record(@PathVariable UUID id) {
        return records.record(id);
    }
}
