package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The record's pool opens connections again after the network failed while it was probing its very
 * first one. HikariCP asks that connection for its transaction isolation once; when the question
 * fails with a connection error it never asks again, and unless the level is configured it then sets
 * every new connection to level -1, which PostgreSQL refuses: the pool stays empty for good. Seen in CI
 * as a node whose record was never written after its database came back (L6-26).
 */
class PoolFirstConnectionLostTest {

    @Test
    void aConnectionLostWhileThePoolProbesItsFirstOneDoesNotKeepThePoolEmpty() throws Exception {
        RecordSettings db = TestDatabase.newDatabase();
        HikariConfig settings = RecordStore.poolSettings("probe-lost", 2, db.jdbcUrl(), db.user(), db.password());
        settings.setConnectionInitSql(null); // the application role is the migrations' business, not this test's
        settings.setDataSource(firstProbeFails(db));

        try (HikariDataSource pool = new HikariDataSource(settings); Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    /** The database, except that the first connection's isolation level cannot be read: the network failed (SQLState 08006). */
    private static DataSource firstProbeFails(RecordSettings db) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(db.jdbcUrl());
        AtomicBoolean failed = new AtomicBoolean();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (result instanceof Connection connection && failed.compareAndSet(false, true)) {
                        return probeFails(connection);
                    }
                    return result;
                });
    }

    private static Connection probeFails(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getTransactionIsolation")) {
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
