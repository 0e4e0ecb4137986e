package io.dataivr.api.http;

import io.dataivr.report.ReportDay;
import io.dataivr.report.WallboardService;
import io.dataivr.system.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calls of one day as a CSV download, for supervisors and the admin. */
@Profile("!admin")
@RestController
@Tag(name = "reports", description = "supervisors and the admin (signed in)")
@Refusals.OfSupervisors
@RequestMapping("/api/v1/reports")
class CallsReportController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final WallboardService wallboard;

    CallsReportController(WallboardService wallboard) {
        this.wallboard = wallboard;
    }

    @GetMapping(path = "/calls.csv", produces = "text/csv")
    @Fails(status = 400, codes = "INVALID_FIELD", when = "date is not YYYY-MM-DD")
    @Operation(summary = "one row per voice call requested that day (in dataivr.report.zone); 400 INVALID_FIELD for a bad date")
    ResponseEntity<String> calls(@Parameter(description = "YYYY-MM-DD; default today")
            @RequestParam(required = false) String date) {
        ReportDay day = date == null || date.isBlank() ? wallboard.today() : wallboard.day(parse(date));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(CallsCsv.filename(day)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(CallsCsv.of(day, wallboard.calls(day)));
    }

    private static LocalDate parse(String date) {
        try {
            if (date.length() != 10) {
                throw new DateTimeParseException("not YYYY-MM-DD", date, 0);
            }
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidField("date must be a day as YYYY-MM-DD");
        }
    }
}
