package io.jitaccess.bench;

/** A bench program's {@code --name value} options. */
final class Options {

    private final String[] args;

    Options(String[] args) {
        this.args = args.clone();
    }

    String text(String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    int number(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }
}
