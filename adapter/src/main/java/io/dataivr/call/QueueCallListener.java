package io.dataivr.call;

/** Receives queue call events in the order Asterisk sent them. */
public interface QueueCallListener {
    void on(QueueCallEvent event);
}
