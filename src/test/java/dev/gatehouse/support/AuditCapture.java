package dev.gatehouse.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The audit lines written while it listens: {@link #start} in a test's set-up, {@link #stop} after. */
public final class AuditCapture extends Handler {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    public AuditCapture start() {
        Logger.getLogger("gatehouse.audit").addHandler(this);
        return this;
    }

    public void stop() {
        Logger.getLogger("gatehouse.audit").removeHandler(this);
    }

    /** Whether a line has the event and every one of the {@code "name":"value"} fragments given. */
    public boolean has(String event, String... fragments) {
        return lines.stream().anyMatch(line -> line.contains("\"event\":\"" + event + "\"")
                && List.of(fragments).stream().allMatch(line::contains));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
