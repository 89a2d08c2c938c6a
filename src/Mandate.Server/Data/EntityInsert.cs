using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mandate.Server.Data;

/// <summary>
/// A prepared <c>INSERT</c> of one entity type, built from EF Core's model (table, columns, value converters), for a
/// writer that inserts many rows of a few types in one transaction without the change tracker: the statement is parsed
/// once per command instead of once per row, and no entity is tracked. Store-generated keys (an identity id) are
/// left to the database. Works on both providers: quoted identifiers and <c>@name</c> parameters.
/// </summary>
internal sealed class EntityInsert
{
    private readonly IProperty[] _columns;

    // Per column, read once from the model: how to get the value from an entity, and how to store it.
    private readonly IClrPropertyGetter[] _getters;
    private readonly ValueConverter?[] _converters;

    private EntityInsert(IEntityType type, string? conflictClause)
    {
        _columns = type.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToArray();
        _getters = _columns.Select(c => c.GetGetter()).ToArray();
        _converters = _columns.Select(c => c.GetTypeMapping().Converter).ToArray();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = new StringBuilder("INSERT INTO ");
        if (table.Schema is { } schema)
        {
            sql.Append('"').Append(schema).Append("\".");
        }

        sql.Append('"').Append(table.Name).Append("\" (")
            .AppendJoin(", ", _columns.Select(c => "\"" + c.GetColumnName(table) + "\""))
            .Append(") VALUES (")
            .AppendJoin(", ", _columns.Select((_, i) => "@p" + i))
            .Append(')');
        if (conflictClause is not null)
        {
            sql.Append(' ').Append(conflictClause);
        }

        Sql = sql.ToString();
    }

    /// <summary>The statement.</summary>
    public string Sql { get; }

    /// <summary>The insert of <typeparamref name="TEntity"/> in <paramref name="db"/>'s model; <paramref name="conflictClause"/>
    /// is appended (e.g. <c>ON CONFLICT DO NOTHING</c>, which SQLite and PostgreSQL both understand).</summary>
    public static EntityInsert For<TEntity>(DbContext db, string? conflictClause = null) =>
        new(db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException(typeof(TEntity).Name + " is not in the model."), conflictClause);

    /// <summary>A command on <paramref name="connection"/> with one parameter per column, for a writer that keeps it
    /// across transactions (it sets <see cref="DbCommand.Transaction"/> for each); the provider's prepared statement
    /// lives as long as the command.</summary>
    public DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        for (var i = 0; i < _columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Inserts <paramref name="entity"/> with <paramref name="command"/> (from <see cref="CreateCommand"/>, enlisted in the current transaction); returns the
    /// rows inserted (0 when a conflict clause skipped it).</summary>
    public Task<int> ExecuteAsync(DbCommand command, object entity, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var value = _getters[i].GetClrValueUsingContainingEntity(entity);
            if (value is not null && _converters[i] is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            command.Parameters[i].Value = value ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
