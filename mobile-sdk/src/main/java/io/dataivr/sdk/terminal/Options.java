package io.dataivr.sdk.terminal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The terminal client's command line. */
final class Options {

    String url = "ws://127.0.0.1:8080/ws/v1/consultation";
    String menu;
    String language;
    String client;
    String token;
    String acceptLanguage;
    boolean reconnect = true;
    final List<String> choices = new ArrayList<>();
    String sipCtrlHost;
    int sipCtrlPort;
    boolean stay;
    boolean json;
    boolean help;
    Duration timeout = Duration.ofSeconds(120);

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--url" -> options.url = value(args, ++i, arg);
                case "--menu" -> options.menu = value(args, ++i, arg);
                case "--lang" -> options.language = value(args, ++i, arg);
                case "--client" -> options.client = value(args, ++i, arg);
                case "--token" -> options.token = value(args, ++i, arg);
                case "--accept-language" -> options.acceptLanguage = value(args, ++i, arg);
                case "--no-reconnect" -> options.reconnect = false;
                case "--choose" -> options.choices.add(value(args, ++i, arg));
                case "--sip-ctrl" -> options.sipCtrl(value(args, ++i, arg));
                case "--stay" -> options.stay = true;
                case "--json" -> options.json = true;
                case "--timeout" -> options.timeout = Duration.ofSeconds(number(value(args, ++i, arg), arg));
                case "--help", "-h" -> options.help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return options;
    }

    private void sipCtrl(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--sip-ctrl needs HOST:PORT, got " + address);
        }
        sipCtrlHost = address.substring(0, colon);
        sipCtrlPort = (int) number(address.substring(colon + 1), "--sip-ctrl");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String option) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + text);
        }
    }
}
