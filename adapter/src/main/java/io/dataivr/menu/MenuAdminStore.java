package io.dataivr.menu;

import java.util.List;

/**
 * The administration side of the menu store: publications and deletions with who did them (the
 * audit trail), and the list of menus with their versions.
 */
public interface MenuAdminStore extends MenuStore {

    /** Like {@link #publish(Menu)}, recording {@code actor} as the publisher in the audit trail. */
    int publish(Menu menu, String actor);

    /**
     * Soft-deletes the menu: it starts no new session, its versions stay for the records. Returns
     * false when there is no menu in service with that id (never published, or already deleted).
     */
    boolean delete(String menuId, String actor);

    /** Every menu not deleted, by id, with its versions. */
    List<MenuSummary> summaries();
}
