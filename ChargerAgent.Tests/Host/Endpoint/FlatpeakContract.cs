using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>
    /// The contract of docs/flatpeak-openapi.json, read with the OpenAPI reader; request and answer
    /// bodies are checked against its schemas with a JSON Schema validator (the component schemas
    /// become <c>$defs</c> of one schema per checked type).
    /// </summary>
    internal sealed class FlatpeakContract
    {
        public const string RelativePath = "docs/flatpeak-openapi.json";

        private readonly JsonObject schemas;
        private readonly Dictionary<string, JsonSchema> compiled = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);

        private FlatpeakContract(OpenApiDocument document, OpenApiDiagnostic diagnostic, JsonObject raw)
        {
            Document = document;
            Diagnostic = diagnostic;
            schemas = raw["components"]["schemas"].AsObject();
        }

        public OpenApiDocument Document { get; }

        public OpenApiDiagnostic Diagnostic { get; }

        public static FlatpeakContract Load()
        {
            string path = RepositoryPaths.Combine("docs", "flatpeak-openapi.json");
            using FileStream stream = File.OpenRead(path);
            OpenApiDocument document = new OpenApiStreamReader().Read(stream, out OpenApiDiagnostic diagnostic);
            var raw = JsonNode.Parse(File.ReadAllText(path)).AsObject();
            return new FlatpeakContract(document, diagnostic, raw);
        }

        /// <summary>The operation for <paramref name="method"/> and a concrete path (templates such as /prices/{id} match), or null.</summary>
        public OpenApiOperation Find(string method, string pathAndQuery, out string template)
        {
            string path = pathAndQuery.Split('?')[0];
            foreach (KeyValuePair<string, OpenApiPathItem> item in Document.Paths)
            {
                string pattern = "^" + Regex.Replace(Regex.Escape(item.Key), @"\\\{[^}]+}", "[^/]+") + "$";
                if (!Regex.IsMatch(path, pattern)) continue;
                OperationType type = method == "GET" ? OperationType.Get : method == "POST" ? OperationType.Post : OperationType.Put;
                if (item.Value.Operations.TryGetValue(type, out OpenApiOperation operation))
                {
                    template = item.Key;
                    return operation;
                }
            }

            template = null;
            return null;
        }

        /// <summary>What is wrong with a request (empty when it keeps to the contract).</summary>
        public List<string> CheckRequest(string method, string pathAndQuery, string body)
        {
            var problems = new List<string>();
            OpenApiOperation operation = Find(method, pathAndQuery, out _);
            if (operation == null)
            {
                problems.Add(method + " " + pathAndQuery + ": not in the contract");
                return problems;
            }

            int q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                foreach (string part in pathAndQuery.Substring(q + 1).Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    string name = part.Split('=')[0];
                    if (!operation.Parameters.Any(p => p.In == ParameterLocation.Query && p.Name == name))
                    {
                        problems.Add(method + " " + pathAndQuery + ": query parameter " + name + " is not in the contract");
                    }
                }
            }

            if (operation.RequestBody == null)
            {
                if (!string.IsNullOrEmpty(body)) problems.Add(method + " " + pathAndQuery + ": the contract has no body here");
                return problems;
            }

            problems.AddRange(Check(operation.RequestBody.Content["application/json"].Schema, body, method + " " + pathAndQuery + " body"));
            return problems;
        }

        /// <summary>What is wrong with an answer (empty when it keeps to the contract).</summary>
        public List<string> CheckResponse(string method, string pathAndQuery, int status, string body)
        {
            var problems = new List<string>();
            OpenApiOperation operation = Find(method, pathAndQuery, out _);
            if (operation == null)
            {
                problems.Add(method + " " + pathAndQuery + ": not in the contract");
                return problems;
            }

            string code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(code, out OpenApiResponse response))
            {
                if (status / 100 == 2 || !operation.Responses.TryGetValue("default", out response))
                {
                    problems.Add(method + " " + pathAndQuery + ": status " + code + " is not in the contract");
                    return problems;
                }
            }

            problems.AddRange(Check(response.Content["application/json"].Schema, body, method + " " + pathAndQuery + " " + code + " answer"));
            return problems;
        }

        /// <summary>Checks <paramref name="json"/> against the component schema named <paramref name="schemaName"/>.</summary>
        public List<string> CheckAgainst(string schemaName, string json) => Validate(schemaName, json, schemaName);

        private List<string> Check(OpenApiSchema schema, string json, string what)
        {
            if (schema?.Reference?.Id == null) return new List<string> { what + ": the contract names no component schema" };
            return Validate(schema.Reference.Id, json, what);
        }

        private List<string> Validate(string name, string json, string what)
        {
            var problems = new List<string>();
            JsonNode instance;
            try
            {
                instance = JsonNode.Parse(json);
            }
            catch (System.Text.Json.JsonException e)
            {
                problems.Add(what + ": not JSON (" + e.Message + ")");
                return problems;
            }

            EvaluationResults results = Schema(name).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid) return problems;
            foreach (EvaluationResults detail in results.Details)
            {
                if (detail.Errors == null) continue;
                foreach (KeyValuePair<string, string> error in detail.Errors)
                {
                    problems.Add(what + " at " + detail.InstanceLocation + ": " + error.Key + ": " + error.Value);
                }
            }

            if (problems.Count == 0) problems.Add(what + ": does not match " + name);
            return problems;
        }

        private JsonSchema Schema(string name)
        {
            if (compiled.TryGetValue(name, out JsonSchema schema)) return schema;
            if (!schemas.ContainsKey(name)) throw new ArgumentException("no schema " + name + " in " + RelativePath);
            string defs = schemas.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            string text = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"https://contract.test/" + name +
                "\",\"$defs\":" + defs + ",\"$ref\":\"#/$defs/" + name + "\"}";
            schema = JsonSchema.FromText(text);
            compiled[name] = schema;
            return schema;
        }
    }
}
