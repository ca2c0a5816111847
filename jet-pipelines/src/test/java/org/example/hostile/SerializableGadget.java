package org.example.hostile;

import java.io.Serializable;

/**
 * Stands for any Java-serializable class of a library on the members' classpath: outside the
 * shipped deserialization whitelist, so members must refuse to deserialize it.
 */
public final class SerializableGadget implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String command;

    public SerializableGadget(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }
}
