package io.dataivr.menu;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MenuProperties.class)
class MenuConfiguration {

    @Bean
    MenuService menuService(MenuStore store) {
        return new MenuService(store);
    }

    @Bean
    MenuAdminService menuAdminService(MenuAdminStore store) {
        return new MenuAdminService(store);
    }

    @Bean
    DemoMenuLoader demoMenuLoader(MenuService menus, MenuProperties properties) {
        return new DemoMenuLoader(menus, properties);
    }
}
