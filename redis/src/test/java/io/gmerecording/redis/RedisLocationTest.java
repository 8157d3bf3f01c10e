package io.gmerecording.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedisLocationTest {

    @ParameterizedTest
    @CsvSource({
        "redis://127.0.0.1:6379, redis://127.0.0.1:6379/0",
        "redis://cache.internal:7000/3, redis://cache.internal:7000/3",
        "rediss://:s3cret@cache:6380/1, rediss://cache:6380/1",
    })
    void parsesHostPortAndDatabaseAndNeverShowsThePassword(String value, String shown) {
        assertThat(RedisLocation.parse(value)).hasToString(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host:6379", "redis://:6379", "redis://host", "redis://host:0",
        "redis://host:70000", "redis://host:6379/16", "redis://host:6379/x", "redis://host:6379?db=1", "not a uri"})
    void refusesBadValuesByName(String value) {
        assertThatThrownBy(() -> RedisLocation.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad Redis location '" + value + "'");
    }

    @Test
    void aRefusedValueNeverEchoesItsPassword() {
        assertThatThrownBy(() -> RedisLocation.parse("redis://:hunter2@host:99999"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("redis://***@host:99999");
    }

    @Test
    void carriesThePasswordToLettuce() {
        assertThat(RedisLocation.parse("redis://:hunter2@host:6379/2").toRedisUri(Duration.ofSeconds(1))
                .getCredentialsProvider().resolveCredentials().block().getPassword())
                .containsExactly("hunter2".toCharArray());
    }
}
