package io.dataivr.api.http;

import io.dataivr.api.WallboardView;
import io.dataivr.report.WallboardService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The supervisor's wallboard as one JSON snapshot (the same as the first frame of {@code /ws/v1/wallboard}). */
@Profile("!admin")
@RestController
@Tag(name = "wallboard", description = "supervisors and the admin (signed in); the same board /ws/v1/wallboard pushes")
@Refusals.OfSupervisors
@RequestMapping(path = "/api/v1/wallboard", produces = MediaType.APPLICATION_JSON_VALUE)
class WallboardController {

    private final WallboardService wallboard;

    WallboardController(WallboardService wallboard) {
        this.wallboard = wallboard;
    }

    @GetMapping
    @Operation(summary = "each queue's waiting callers, idle-agent FIFO, agents and today's figures, and today's sessions")
    WallboardView board() {
        return WallboardView.of(wallboard.snapshot());
    }
}
