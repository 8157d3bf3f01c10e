package io.gmerecording.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three masters on free loopback ports, from the same redis-server binary as {@link LocalRedis}:
 * each started with {@code cluster-enabled yes}, given a third of the 16,384 slots ({@code CLUSTER ADDSLOTS}) and
 * introduced to the others ({@code CLUSTER MEET}), ready once every node says {@code cluster_state:ok}.
 */
final class LocalRedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;
    private static final long READY_WITHIN_MILLIS = 30_000;

    private final List<LocalRedis> nodes = new ArrayList<>();
    private final Path directory;

    private LocalRedisCluster(Path directory) {
        this.directory = directory;
    }

    static LocalRedisCluster start() throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRedisCluster cluster = new LocalRedisCluster(directory);
        try {
            for (int i = 0; i < 3; i++) {
                Path node = Files.createDirectories(directory.resolve("node-" + i));
                cluster.nodes.add(LocalRedis.start("cluster-enabled yes", "cluster-config-file nodes.conf",
                        "cluster-node-timeout 5000", "dir " + node));
            }
            for (int i = 0; i < 3; i++) {
                int from = i * SLOTS / 3;
                int to = (i + 1) * SLOTS / 3;
                List<String> words = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                for (int slot = from; slot < to; slot++) {
                    words.add(Integer.toString(slot));
                }
                cluster.nodes.get(i).command(words.toArray(new String[0]));
            }
            for (int i = 1; i < 3; i++) {
                cluster.nodes.get(0).command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(cluster.nodes.get(i)
                        .port()));
            }
            cluster.awaitReady();
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** Polls the other processes until each node reports the cluster up (a wait for them, not a timed test). */
    private void awaitReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + READY_WITHIN_MILLIS;
        while (true) {
            boolean ready = nodes.stream().allMatch(node -> node.command("CLUSTER", "INFO")
                    .contains("cluster_state:ok"));
            if (ready) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the three-node Redis Cluster was not ready within "
                        + READY_WITHIN_MILLIS + " ms: " + nodes.get(0).command("CLUSTER", "INFO"));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** One node's location, from which a cluster client finds the others. */
    RedisLocation seed() {
        return nodes.get(0).location();
    }

    List<LocalRedis> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
