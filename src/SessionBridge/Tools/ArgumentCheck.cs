using System.Text.Json;

namespace SessionBridge.Server.Tools;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before the SDK binds them, so a wrong type,
/// a missing argument or a misspelt name gets a message that says what to pass, not the SDK's generic
/// "An error occurred invoking".
/// </summary>
internal static class ArgumentCheck
{
    public static string? Problem(string tool, JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return null;

        var known = properties.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var name in arguments.Keys.Where(k => !properties.TryGetProperty(k, out _)))
        {
            var takes = known.Count == 0 ? "it takes no arguments" : "it takes " + string.Join(", ", known);
            return $"'{name}' is not an argument of {tool}; {takes}.";
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                    return $"'{name}' is required by {tool}. {Describe(properties.GetProperty(name))}";
            }
        }

        foreach (var (name, value) in arguments)
        {
            var property = properties.GetProperty(name);
            var types = Types(property);
            if (types.Count == 0 || Fits(value, types, property))
                continue;
            return $"'{name}' must be {Expected(types, property)}, not {Shown(value)}. {Describe(property)}";
        }

        return null;
    }

    private static List<string> Types(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type))
            return [];
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
    }

    private static bool Fits(JsonElement value, List<string> types, JsonElement property) =>
        types.Any(type =>
            type switch
            {
                "string" => value.ValueKind == JsonValueKind.String,
                "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
                "number" => value.ValueKind == JsonValueKind.Number,
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "null" => value.ValueKind == JsonValueKind.Null,
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array && ItemsFit(value, property),
                _ => true,
            }
        );

    private static bool ItemsFit(JsonElement array, JsonElement property)
    {
        if (!property.TryGetProperty("items", out var items))
            return true;
        var types = Types(items).Where(t => t != "null").ToList();
        return types.Count == 0 || array.EnumerateArray().All(item => Fits(item, types, items));
    }

    private static string Expected(List<string> types, JsonElement property)
    {
        var wanted = types.Where(t => t != "null").Select(type =>
            type switch
            {
                "string" => "a string",
                "integer" => "a whole number (a JSON number such as 20)",
                "boolean" => "true or false",
                "array" when property.TryGetProperty("items", out var items) && Types(items).Contains("string") =>
                    "an array of strings (such as [\"Down\", \"Enter\"])",
                "array" => "an array",
                _ => "a " + type,
            }
        );
        return string.Join(" or ", wanted);
    }

    private static string Shown(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array with other items",
            JsonValueKind.Object => "an object",
            _ => "null",
        };

    private static string Describe(JsonElement property) =>
        property.TryGetProperty("description", out var description) ? description.GetString() ?? "" : "";
}
