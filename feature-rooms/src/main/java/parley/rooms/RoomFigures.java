package parley.rooms;

import java.util.ArrayList;
import java.util.List;

import parley.api.Figure;
import parley.api.FigureSource;
import parley.rooms.api.RoomDirectory;

/** The rooms plugin's figures for STATS and metrics: how many rooms, and the members of each. */
record RoomFigures(RoomDirectory rooms) implements FigureSource {

    @Override
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        List<String> names = rooms.rooms();
        out.add(Figure.gauge("rooms", names.size(), "rooms of the server"));
        for (String room : names) {
            out.add(Figure.gauge("rooms_members", rooms.members(room).size(), "members of each room").with("room", room));
        }
        return out;
    }
}
