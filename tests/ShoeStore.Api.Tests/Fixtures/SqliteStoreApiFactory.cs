using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>The store API on a SQLite file of its own.</summary>
public sealed class SqliteStoreApiFactory() : StoreApiFactory(StoreDatabaseProvider.Sqlite);
