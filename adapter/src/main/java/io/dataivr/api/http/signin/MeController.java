package io.dataivr.api.http.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataivr.api.http.Refusals;
import io.dataivr.signin.Role;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who is signed in (the pages read it to know whose console to show). */
@RestController
class MeController {

    /**
     * @param name  the user name
     * @param roles its roles: agent, supervisor, admin
     * @param agent the agent it is (its name) when its role is agent, else null
     */
    record Me(String name, List<String> roles, @JsonInclude(JsonInclude.Include.ALWAYS) String agent) {
    }

    @Operation(summary = "The signed-in person: name, roles and the agent it is (null for a supervisor or the admin)")
    @Refusals.OfPeople
    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Me me(Authentication who) {
        List<Role> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority).map(Role::ofAuthority)
                .flatMap(Optional::stream).toList();
        return new Me(who.getName(), roles.stream().map(Role::id).toList(),
                roles.contains(Role.AGENT) ? who.getName() : null);
    }
}
