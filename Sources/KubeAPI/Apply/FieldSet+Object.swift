extension FieldSet {
    /// The fields an object sets, as upstream's `TypedValue.ToFieldSet`: every leaf (scalar,
    /// atomic list or map), every list-map or set item (a list-map item is both a member and
    /// the parent of its fields, hence `"."` in fieldsV1). Maps and lists that merely hold
    /// other fields are not members themselves.
    public init(from object: JSONValue, kind: String) {
        self.init()
        FieldSet.collect(object, path: [], schemaPath: "", schema: ObjectSchema(kind: kind), into: &self)
    }

    private static func collect(
        _ value: JSONValue, path: FieldPath, schemaPath: String, schema: ObjectSchema, into set: inout FieldSet
    ) {
        switch schema.shape(nil, value, path: schemaPath) {
        case .leaf:
            set.insert(path)
        case .map:
            for (key, child) in value.objectValue ?? [:] {
                collect(child, path: path + [.field(key)], schemaPath: ObjectSchema.childPath(schemaPath, key),
                        schema: schema, into: &set)
            }
        case .list(let listType):
            let itemPath = ObjectSchema.itemPath(schemaPath)
            for (pe, item) in schema.indexedItems(value.arrayValue, listType, path: schemaPath) {
                collect(item, path: path + [pe], schemaPath: itemPath, schema: schema, into: &set)
                set.insert(path + [pe])
            }
        }
    }
}
