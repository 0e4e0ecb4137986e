package io.dataivr.api.http.admin;

import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuAdminService;
import io.dataivr.menu.MenuFileReader;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** Admins list, read, publish, export and delete menus. */
@RestController
@SecurityRequirement(name = "adminBasic")
@RequestMapping("/api/v1/admin/menus")
class AdminMenuController {

    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private final MenuAdminService menus;

    AdminMenuController(MenuAdminService menus) {
        this.menus = menus;
    }

    @GetMapping
    AdminViews.MenuList list() {
        return AdminViews.MenuList.of(menus.list());
    }

    /** The version in service, or {@code version} (any version of a menu in service). */
    @GetMapping("/{id}")
    AdminViews.MenuTree get(@PathVariable String id, @RequestParam(required = false) Integer version) {
        return AdminViews.MenuTree.of(version == null ? menus.published(id) : menus.version(id, version));
    }

    /** Publishes a menu file as the next version of its menu; an invalid file changes nothing (422). */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "a menu file",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    ResponseEntity<AdminViews.Published> publish(HttpServletRequest request, Principal admin) throws IOException {
        Menu published = menus.publish(body(request), admin.getName());
        return ResponseEntity.created(URI.create("/api/v1/admin/menus/" + published.id()))
                .body(new AdminViews.Published(published.id(), published.version()));
    }

    @GetMapping(path = "/{id}/export", produces = {"application/yaml"})
    ResponseEntity<String> export(@PathVariable String id) {
        return ResponseEntity.ok().contentType(YAML).body(menus.export(id));
    }

    /** Soft delete: no new session starts on it; sessions running keep their menu until they end. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Principal admin) {
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
