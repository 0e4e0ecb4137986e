package io.dataivr.api.http.admin;

import io.dataivr.api.http.Fails;
import io.dataivr.api.http.Refusals;
import io.dataivr.session.record.SessionRecord;
import io.dataivr.session.record.SessionRecordService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins read what a consultation session did: its items, deliveries, calls and end record. */
@RestController
@SecurityRequirement(name = "adminBasic")
@Refusals.OfAdmin
@Tag(name = "admin: sessions", description = "needs the admin user; 401 ADMIN_AUTH_REQUIRED, 403 ADMIN_NOT_CONFIGURED")
@RequestMapping(path = "/api/v1/admin/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminSessionController {

    private final SessionRecordService records;

    AdminSessionController(SessionRecordService records) {
        this.records = records;
    }

    @GetMapping("/{id}")
    @Operation(summary = "a session's record: session, service items, content deliveries, voice calls, end record")
    @ApiResponse(responseCode = "200", description = "the record")
    @Fails(status = 404, codes = "SESSION_NOT_FOUND")
    SessionRecord record(@PathVariable UUID id) {
        return records.record(id);
    }
}
