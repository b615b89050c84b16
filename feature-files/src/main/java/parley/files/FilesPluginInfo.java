package parley.files;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the files plugin. It needs the rooms plugin's {@code RoomDirectory} to check membership and offer files. */
public final class FilesPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "files";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "files sent to a room: SEND_FILE, FILE, GET_FILE, FILES; /file, /files, /get";
    }

    @Override
    public List<String> requires() {
        return List.of("rooms");
    }

    @Override
    public List<parley.api.Setting<?>> settings() {
        return FilesSettings.SERVER;
    }

    @Override
    public List<parley.api.Setting<?>> clientSettings() {
        return FilesSettings.CLIENT;
    }
}
