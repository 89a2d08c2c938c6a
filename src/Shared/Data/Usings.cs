// Every file of a project that compiles src/Shared/Data sees its helpers without a using of its own
// (docs/architecture.md, "Decisions").
global using Mandate.Data;
