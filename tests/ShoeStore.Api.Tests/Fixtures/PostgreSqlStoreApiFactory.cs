using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>The store API on a fresh PostgreSQL database of its own, dropped afterwards.</summary>
public sealed class PostgreSqlStoreApiFactory() : StoreApiFactory(StoreDatabaseProvider.PostgreSql);
