package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle's values: their rules are checked before anything is sent, each message naming the rule. */
class LifecycleValuesTest {

    private static List<String> users(int count) {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            users.add("user-" + i);
        }
        return users;
    }

    @Test
    void aSubscriptionTakesAtMostTwentyUsersEachOnceNoneEmpty() {
        assertThat(Subscription.only(users(20)).userIds()).hasSize(20);
        assertThatThrownBy(() -> Subscription.only(users(21)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("only takes at most 20 user ids, got 21");
        assertThatThrownBy(() -> Subscription.allBut(users(21)))
                .hasMessage("allBut takes at most 20 user ids, got 21");
        assertThatThrownBy(() -> Subscription.only(Arrays.asList("7", "")))
                .hasMessage("only has an empty user id: [7, ]");
        assertThatThrownBy(() -> Subscription.allBut(Arrays.asList("7", " ")))
                .hasMessageStartingWith("allBut has an empty user id");
        assertThatThrownBy(() -> Subscription.only(Arrays.asList("7", null)))
                .hasMessageStartingWith("only has an empty user id");
        assertThatThrownBy(() -> Subscription.only(Arrays.asList("7", "8", "7")))
                .hasMessage("only names user '7' twice");
        assertThatThrownBy(() -> Subscription.only(Collections.emptyList()))
                .hasMessage("only needs at least one user id (for every user: everyone())");
    }

    @Test
    void aSubscriptionIsOneListAtATime() {
        assertThatThrownBy(() -> Subscription.of(List.of("1"), List.of("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a subscription is one list at a time: "
                        + "SubscribeUserIds (only these) or UnSubscribeUserIds (all but these), got both");
        assertThat(Subscription.of(List.of("1"), null)).isEqualTo(Subscription.only(List.of("1")));
        assertThat(Subscription.of(Collections.emptyList(), List.of("2"))).isEqualTo(Subscription.allBut(List.of("2")));
        assertThat(Subscription.of(null, null)).isSameAs(Subscription.everyone());
        assertThat(Subscription.everyone().kind()).isEqualTo(Subscription.Kind.EVERYONE);
        assertThat(Subscription.only(List.of("b", "a")).userIds()).containsExactly("b", "a");
        assertThat(Subscription.only(List.of("1"))).isNotEqualTo(Subscription.allBut(List.of("1")));
        assertThat(Subscription.allBut(List.of("1")).toString()).isEqualTo("Subscription[ALL_BUT [1]]");
    }

    @Test
    void aRoomIdIsOneTo127CharactersWithoutControlsOrOuterSpaces() {
        String longest = "r".repeat(RoomId.MAX_LENGTH);
        assertThat(RoomId.of(longest).value()).isEqualTo(longest);
        assertThat(RoomId.of("房间 7").value()).isEqualTo("房间 7");
        assertThatThrownBy(() -> RoomId.of(longest + "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("roomId must be 1 to 127 characters, got 128");
        assertThatThrownBy(() -> RoomId.of("")).hasMessage("roomId must be 1 to 127 characters, got 0: ''");
        assertThatThrownBy(() -> RoomId.of(" 7")).hasMessage("roomId must have no control characters and no white "
                + "space at either end, got ' 7'");
        assertThatThrownBy(() -> RoomId.of("7\n8")).hasMessageEndingWith("got '7?8'");
        assertThatThrownBy(() -> RoomId.of(null)).hasMessage("roomId must not be null");
        assertThat(RoomId.of("7")).isEqualTo(RoomId.of("7")).isNotEqualTo(RoomId.of("8"));
    }

    @Test
    void aRoomRefNamesTheApplicationAndTheRoom() {
        RoomRef room = RoomRef.of(1400000000L, "100");

        assertThat(room.task(7)).isEqualTo(TaskRef.of(1400000000L, 7));
        assertThat(room).isEqualTo(RoomRef.of(1400000000L, RoomId.of("100"))).hasToString(
                "RoomRef[bizId=1400000000, roomId=100]");
        assertThatThrownBy(() -> RoomRef.of(0, "100")).hasMessage("bizId must be a positive 64-bit integer, got 0");
    }

    @Test
    void answersCompareByStateTheirRequestIdsApart() {
        RoomRef room = RoomRef.of(1400000000L, "100");
        RoomTask one = RoomTask.of(room.task(7), room, 1, Subscription.everyone(), "req-1");

        assertThat(one).isEqualTo(RoomTask.of(room.task(7), room, 1, Subscription.everyone(), "req-2"))
                .isNotEqualTo(RoomTask.of(room.task(7), room, 2, Subscription.everyone(), "req-1"));
        assertThat(one.recordMode()).isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(RoomTask.of(room.task(7), room, 9, Subscription.everyone(), null).recordMode())
                .isEqualTo(RecordMode.UNRECOGNIZED);
        assertThatThrownBy(() -> RoomTask.of(TaskRef.of(1, 7), room, 1, Subscription.everyone(), "r"))
                .hasMessageContaining("are of two applications");
        assertThat(StartedRecording.started(room.task(7), "a")).isEqualTo(StartedRecording.started(room.task(7), "b"))
                .isNotEqualTo(StartedRecording.alreadyRunning(room.task(7), "a"));
        assertThat(StartedRecording.alreadyRunning(room.task(7), null).toString()).contains("already running");
    }
}
