package io.dataivr.api.http.admin;

import io.dataivr.api.http.Fails;
import io.dataivr.api.http.Refusals;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuAdminService;
import io.dataivr.menu.MenuFileReader;
import io.dataivr.system.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins list, read, publish, export and delete menus. */
@RestController
@SecurityRequirement(name = "adminBasic")
@Refusals.OfAdmin
@Tag(name = "admin: menus", description = "needs the admin user; 401 ADMIN_AUTH_REQUIRED, 403 ADMIN_NOT_CONFIGURED")
@RequestMapping(path = "/api/v1/admin/menus", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminMenuController {

    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private final MenuAdminService menus;

    AdminMenuController(MenuAdminService menus) {
        this.menus = menus;
    }

    @GetMapping
    @Operation(summary = "the menus in service, with their versions")
    AdminViews.MenuList list() {
        return AdminViews.MenuList.of(menus.list());
    }

    /** The version in service, or {@code version} (any published version, also of a deleted menu). */
    @GetMapping("/{id}")
    @Operation(summary = "a menu as a JSON tree: the version in service, or the given version (also of a deleted menu)")
    @ApiResponse(responseCode = "200", description = "the menu")
    @Fails(status = 404, codes = {"MENU_NOT_FOUND", "MENU_VERSION_NOT_FOUND"})
    AdminViews.MenuTree get(@PathVariable String id, @RequestParam(required = false) Integer version) {
        return AdminViews.MenuTree.of(version == null ? menus.published(id) : menus.version(id, version));
    }

    /** Publishes a menu file as the next version of its menu; an invalid file changes nothing (422). */
    @Operation(summary = "publish a menu file as the next version of the menu it names")
    @ApiResponse(responseCode = "201", description = "published")
    @Fails(status = 422, codes = "MENU_FILE_INVALID", when = "with errors[]: {path, message}; nothing changed")
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "a menu file",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    ResponseEntity<AdminViews.Published> publish(HttpServletRequest request, Principal admin) throws IOException {
        Menu published = menus.publish(body(request), admin.getName());
        return ResponseEntity.created(URI.create("/api/v1/admin/menus/" + published.id()))
                .body(new AdminViews.Published(published.id(), published.version()));
    }

    @GetMapping(path = "/{id}/export", produces = {"application/yaml"})
    @Operation(summary = "the menu in service as a menu file (YAML)")
    @ApiResponse(responseCode = "200", description = "the menu file",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    @Fails(status = 404, codes = "MENU_NOT_FOUND")
    ResponseEntity<String> export(@PathVariable String id) {
        return ResponseEntity.ok().contentType(YAML).body(menus.export(id));
    }

    /**
     * Soft delete: no new session starts on it; sessions running keep their menu until they end. A menu
     * is deleted whole, its versions kept: a {@code version} parameter is refused, not ignored.
     */
    @DeleteMapping("/{id}")
    @Operation(summary = "take the menu out of service (soft delete); its versions stay readable")
    @ApiResponse(responseCode = "204", description = "deleted")
    @Fails(status = 400, codes = "INVALID_FIELD",
            when = "a version parameter (a menu is deleted whole; published versions are never deleted)")
    @Fails(status = 404, codes = "MENU_NOT_FOUND")
    ResponseEntity<Void> delete(@PathVariable String id, Principal admin,
            @Parameter(hidden = true) @RequestParam(required = false) String version) {
        if (version != null) {
            throw new InvalidField("DELETE takes no version: a menu is deleted whole, and its published versions"
                    + " stay readable (GET ?version=N); nothing was deleted");
        }
        menus.delete(id, admin.getName());
        return ResponseEntity.noContent().build();
    }

    /** Reads at most one byte more than a menu file may have, so an oversized body is refused, not buffered. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(MenuFileReader.MAX_FILE_BYTES + 1);
        }
    }
}
