package io.dataivr.store.pg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuAdminStore;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuSummary;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Menus in PostgreSQL. A version's rows are written once, in the transaction that makes it the
 * published one, and never updated; loaded versions are cached since they cannot change.
 */
public class JdbcMenuStore implements MenuAdminStore {

    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Map<String, Menu> versions = new ConcurrentHashMap<>();

    public JdbcMenuStore(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public int publish(Menu menu) {
        return publish(menu, "system");
    }

    @Override
    public int publish(Menu menu, String actor) {
        Integer version = transactions.execute(status -> {
            jdbc.update("insert into menu (id) values (?) on conflict (id) do nothing", menu.id());
            jdbc.queryForObject("select id from menu where id = ? for update", String.class, menu.id());
            int next = jdbc.queryForObject(
                    "select coalesce(max(version), 0) + 1 from menu_version where menu_id = ?", Integer.class, menu.id());
            jdbc.update(con -> {
                var statement = con.prepareStatement(
                        "insert into menu_version (menu_id, version, languages, title, published_by) values (?, ?, ?, ?::jsonb, ?)");
                statement.setString(1, menu.id());
                statement.setInt(2, next);
                statement.setArray(3, con.createArrayOf("text", menu.languages().toArray()));
                statement.setString(4, toJson(menu.title()));
                statement.setString(5, actor);
                return statement;
            });
            insertItems(menu.id(), next, null, menu.items());
            jdbc.update("update menu set published_version = ?, deleted_at = null, deleted_by = null where id = ?",
                    next, menu.id());
            audit(menu.id(), "publish", next, actor);
            return next;
        });
        return version;
    }

    @Override
    public boolean delete(String menuId, String actor) {
        Boolean deleted = transactions.execute(status -> {
            List<Integer> inService = jdbc.queryForList("""
                    update menu set deleted_at = now(), deleted_by = ?
                    where id = ? and deleted_at is null and published_version is not null
                    returning published_version""", Integer.class, actor, menuId);
            if (inService.isEmpty()) {
                return false;
            }
            audit(menuId, "delete", inService.get(0), actor);
            return true;
        });
        return Boolean.TRUE.equals(deleted);
    }

    @Override
    public List<MenuSummary> summaries() {
        Map<String, List<MenuSummary.Version>> versions = new LinkedHashMap<>();
        Map<String, Integer> published = new LinkedHashMap<>();
        jdbc.query("""
                select m.id, m.published_version, v.version, v.published_at, v.published_by
                from menu m join menu_version v on v.menu_id = m.id
                where m.deleted_at is null and m.published_version is not null
                order by m.id, v.version""", (ResultSet rs) -> {
            String id = rs.getString("id");
            published.put(id, rs.getInt("published_version"));
            versions.computeIfAbsent(id, k -> new ArrayList<>()).add(new MenuSummary.Version(rs.getInt("version"),
                    rs.getTimestamp("published_at").toInstant(), rs.getString("published_by")));
        });
        return published.entrySet().stream()
                .map(e -> new MenuSummary(e.getKey(), e.getValue(), versions.get(e.getKey())))
                .toList();
    }

    private void audit(String menuId, String action, int version, String actor) {
        jdbc.update("insert into menu_audit (menu_id, action, version, actor) values (?, ?, ?, ?)",
                menuId, action, version, actor);
    }

    private void insertItems(String menuId, int version, Long parentId, List<MenuItem> items) {
        for (int position = 0; position < items.size(); position++) {
            MenuItem item = items.get(position);
            Long id = jdbc.queryForObject("""
                    insert into menu_item (menu_id, version, parent_id, position, key, kind, label, content, voice_queue)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id""", Long.class,
                    menuId, version, parentId, position, item.key(), kindName(item.kind()), toJson(item.label()),
                    item.content() == null ? null : toJson(item.content()), item.voiceQueue());
            insertItems(menuId, version, id, item.items());
        }
    }

    @Override
    public Optional<Menu> findPublished(String menuId) {
        List<Integer> version = jdbc.queryForList(
                "select published_version from menu where id = ? and deleted_at is null and published_version is not null",
                Integer.class, menuId);
        return version.isEmpty() ? Optional.empty() : find(menuId, version.get(0));
    }

    @Override
    public Optional<Menu> find(String menuId, int version) {
        String cacheKey = menuId + "@" + version;
        Menu cached = versions.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Menu> loaded = load(menuId, version);
        loaded.ifPresent(menu -> versions.put(cacheKey, menu));
        return loaded;
    }

    private Optional<Menu> load(String menuId, int version) {
        List<Menu> heads = jdbc.query("select languages, title from menu_version where menu_id = ? and version = ?",
                (rs, row) -> new Menu(menuId, version, languages(rs.getArray("languages")), text(rs.getString("title")),
                        List.of()), menuId, version);
        if (heads.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<ItemRow>> byParent = new LinkedHashMap<>();
        jdbc.query("""
                select id, parent_id, key, kind, label, content, voice_queue from menu_item
                where menu_id = ? and version = ? order by parent_id nulls first, position""",
                (ResultSet rs) -> {
                    long parent = rs.getLong("parent_id");
                    byParent.computeIfAbsent(rs.wasNull() ? 0L : parent, p -> new ArrayList<>()).add(itemRow(rs));
                }, menuId, version);
        Menu head = heads.get(0);
        return Optional.of(new Menu(menuId, version, head.languages(), head.title(), build(0L, byParent)));
    }

    private List<MenuItem> build(long parentId, Map<Long, List<ItemRow>> byParent) {
        return byParent.getOrDefault(parentId, List.of()).stream()
                .map(row -> new MenuItem(row.key, row.label, row.content, build(row.id, byParent), row.voiceQueue))
                .toList();
    }

    private ItemRow itemRow(ResultSet rs) throws SQLException {
        String content = rs.getString("content");
        return new ItemRow(rs.getLong("id"), rs.getString("key"), text(rs.getString("label")),
                content == null ? null : text(content), rs.getString("voice_queue"));
    }

    @Override
    public List<String> menuIds() {
        return jdbc.queryForList("select id from menu where deleted_at is null and published_version is not null order by id",
                String.class);
    }

    private static String kindName(MenuItem.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> languages(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private String toJson(LocalizedText text) {
        try {
            return json.writeValueAsString(text.byLanguage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write menu text as JSON", e);
        }
    }

    private LocalizedText text(String stored) {
        try {
            return new LocalizedText(json.readValue(stored, TEXTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored menu text is not JSON", e);
        }
    }

    private record ItemRow(long id, String key, LocalizedText label, LocalizedText content, String voiceQueue) {
    }
}
