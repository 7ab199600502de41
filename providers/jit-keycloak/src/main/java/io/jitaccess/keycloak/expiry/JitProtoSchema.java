package io.jitaccess.keycloak.expiry;

import java.io.IOException;
import org.infinispan.protostream.FileDescriptorSource;
import org.infinispan.protostream.MessageMarshaller;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;

/**
 * ProtoStream schema of our cluster event, found by Keycloak through {@code ServiceLoader}. Without it the
 * event would fail to cross the wire, and only on a real cluster.
 */
public final class JitProtoSchema implements SerializationContextInitializer {

    static final String FILE = "jit-access.proto";
    static final String TYPE = "jitaccess.GrantTimerEvent";
    static final String SCHEMA = """
            syntax = "proto3";
            package jitaccess;
            message GrantTimerEvent {
              int64 endsAt = 1;
            }
            """;

    @Override
    public void registerSchema(SerializationContext context) {
        context.registerProtoFiles(FileDescriptorSource.fromString(FILE, SCHEMA));
    }

    @Override
    public void registerMarshallers(SerializationContext context) {
        context.registerMarshaller(new MessageMarshaller<GrantTimerEvent>() {
            @Override
            public GrantTimerEvent readFrom(ProtoStreamReader reader) throws IOException {
                Long endsAt = reader.readLong("endsAt");
                return new GrantTimerEvent(endsAt == null ? 0 : endsAt);
            }

            @Override
            public void writeTo(ProtoStreamWriter writer, GrantTimerEvent event) throws IOException {
                writer.writeLong("endsAt", event.endsAt());
            }

            @Override
            public Class<? extends GrantTimerEvent> getJavaClass() {
                return GrantTimerEvent.class;
            }

            @Override
            public String getTypeName() {
                return TYPE;
            }
        });
    }
}
