package dev.gatehouse.e2e;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The whole deployment on one machine, as production runs it and started the way
 * {@code ./gatehouse up} starts it, by {@code deploy/stack}: redis-server with AOF and a password,
 * the packaged app on its Unix socket (group www-data, mode 0660), and nginx with the shipped
 * configuration, a generated certificate and a password file for /close/. Logs stay in
 * {@code target/e2e/NAME}; everything else lives in a temporary run directory.
 *
 * <pre>
 * try (Stack stack = Stack.start("MyIT")) {
 *     Reply reply = stack.client().get("/api/ping");
 * }
 * </pre>
 *
 * {@link #builder(String)} adjusts the app or nginx before they start.
 */
public final class Stack implements AutoCloseable {

    /** The group nginx's workers run as (deploy/nginx/render's NGINX_USER). */
    public static final String NGINX_GROUP = "www-data";

    /** The session cookie Gatehouse sets without a cookie domain. */
    public static final String SESSION_COOKIE = "__Host-gatehouse_session";
    public static final String ADMIN = "gate-admin";
    public static final String ADMIN_PASSWORD = "e2e-admin-password-1";
    public static final String MOD = "gate-mod";
    public static final String MOD_PASSWORD = "e2e-mod-password-1";
    public static final String USER = "gate-user";
    public static final String USER_PASSWORD = "e2e-user-password-1";

    /** The one account of the /close/ password file. */
    public static final String CLOSE_USER = "visitor";
    public static final String CLOSE_PASSWORD = "e2e-close-password-1";

    private final String name;
    private final Path logDir;
    private final Path workDir;
    private StackRedis redis;
    private GatehouseProcess app;
    private Nginx nginx;
    private Nginx.TlsFiles tls;

    private Stack(String name) {
        this.name = name;
        this.logDir = E2e.logDir(name);
        this.workDir = E2e.workDir(name);
    }

    public static Stack start(String name) {
        return builder(name).start();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {

        private final String name;
        private UnaryOperator<GatehouseProcess.Builder> app = UnaryOperator.identity();
        private UnaryOperator<Nginx.Builder> nginx = UnaryOperator.identity();

        private Builder(String name) {
            this.name = name;
        }

        /** Changes the app's configuration (more environment, other users...). */
        public Builder app(UnaryOperator<GatehouseProcess.Builder> customizer) {
            this.app = customizer;
            return this;
        }

        /** Changes what deploy/nginx/render is given. */
        public Builder nginx(UnaryOperator<Nginx.Builder> customizer) {
            this.nginx = customizer;
            return this;
        }

        public Stack start() {
            Stack stack = new Stack(name);
            try {
                stack.startAll(app, nginx);
                return stack;
            } catch (RuntimeException | Error e) {
                stack.close();
                throw e;
            }
        }
    }

    private void startAll(UnaryOperator<GatehouseProcess.Builder> appCustomizer, UnaryOperator<Nginx.Builder> nginxCustomizer) {
        redis = StackRedis.start(workDir, logDir);
        Path socket = workDir.resolve("run").resolve("gatehouse.sock");
        app = appCustomizer.apply(GatehouseProcess.builder(logDir, socket)
                .redis(redis, workDir)
                .stateDir(workDir.resolve("state"))
                .socketGroup(NGINX_GROUP)
                .admin(ADMIN, ADMIN_PASSWORD)
                .extraUsers(MOD + ":" + MOD_PASSWORD + ":mod," + USER + ":" + USER_PASSWORD + ":user"))
                .build()
                .start();
        Path htpasswd = Htpasswd.create(workDir.resolve("close.htpasswd"), CLOSE_USER, CLOSE_PASSWORD, NGINX_GROUP);
        nginx = nginxCustomizer.apply(Nginx.builder(logDir.resolve("nginx"))
                .runDir(workDir)
                .socket(socket)
                .closeHtpasswd(htpasswd))
                .start();
        tls = nginx.tls();
        System.out.printf("[e2e] %s: https://localhost:%d (http %d), redis %d, logs %s%n", name, nginx.httpsPort(),
                nginx.httpPort(), redis.port(), logDir);
    }

    /** {@code deploy/stack}: how the stack's parts are started, here as everywhere. */
    static Path script() {
        return E2e.repoDir().resolve("deploy").resolve("stack");
    }

    public StackRedis redis() {
        return redis;
    }

    public GatehouseProcess app() {
        return app;
    }

    public Nginx nginx() {
        return nginx;
    }

    /** A new client of the edge with no cookies: each call is another browser. */
    public EdgeClient client() {
        return EdgeClient.edge("localhost", nginx.httpsPort(), nginx.httpPort(), tls.certificate());
    }

    /** {@code https://localhost:PORT/path}, for a browser. */
    public String url(String path) {
        return "https://localhost:" + nginx.httpsPort() + path;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        // Reverse order of start; each step runs even if an earlier one failed.
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            try {
                if (app != null) {
                    app.close();
                }
            } finally {
                try {
                    if (redis != null) {
                        redis.close();
                    }
                } finally {
                    E2e.deleteRecursively(workDir);
                }
            }
        }
    }
}
