import KubeAPI
import Testing

@testable import Kubectl

@Suite struct ExplainTests {
    static let document: JSONValue = [
        "components": [
            "schemas": [
                "io.k8s.api.core.v1.Pod": [
                    "description": "Pod is a collection of containers that can run on a host.",
                    "type": "object",
                    "x-kubernetes-group-version-kind": [["group": "", "version": "v1", "kind": "Pod"]],
                    "properties": [
                        "apiVersion": ["type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."],
                        "metadata": ["allOf": [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]], "description": "Standard object's metadata."],
                        "spec": ["allOf": [["$ref": "#/components/schemas/io.k8s.api.core.v1.PodSpec"]], "description": "Specification of the desired behavior of the pod."],
                    ],
                ],
                "io.k8s.api.core.v1.PodSpec": [
                    "type": "object", "required": ["containers"],
                    "properties": [
                        "containers": [
                            "type": "array", "description": "List of containers belonging to the pod.",
                            "items": ["allOf": [["$ref": "#/components/schemas/io.k8s.api.core.v1.Container"]]],
                        ],
                        "nodeSelector": ["type": "object", "additionalProperties": ["type": "string"], "description": "NodeSelector."],
                    ],
                ],
                "io.k8s.api.core.v1.Container": [
                    "type": "object", "description": "A single application container.",
                    "properties": ["image": ["type": "string", "description": "Container image name."], "name": ["type": "string", "description": "Name."]],
                ],
                "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": ["type": "object", "properties": ["name": ["type": "string"]]],
            ]
        ]
    ]

    @Test func explainsKindAndNestedFields() throws {
        let explainer = OpenAPIExplainer(document: ExplainTests.document)
        let top = try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: [], recursive: false)
        let expected =
            "KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host.\n    \nFIELDS:\n"
            + "  apiVersion\t<string>\n    APIVersion defines the versioned schema of this representation of an object.\n\n"
            + "  metadata\t<ObjectMeta>\n    Standard object's metadata.\n\n"
            + "  spec\t<PodSpec>\n    Specification of the desired behavior of the pod.\n\n\n"
        #expect(top == expected)
        let field = try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: ["spec", "containers"], recursive: false)
        #expect(field.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n\n\nDESCRIPTION:\n    List of containers belonging to the pod.\n    A single application container.\n    \nFIELDS:\n"))
        #expect(field.contains("  image\t<string>\n    Container image name.\n"))
        let spec = try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: ["spec"], recursive: false)
        #expect(spec.contains("  containers\t<[]Container> -required-\n"))
        #expect(spec.contains("  nodeSelector\t<map[string]string>\n"))
        let recursive = try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: ["spec"], recursive: true)
        #expect(recursive.contains("  containers\t<[]Container> -required-\n    image\t<string>\n    name\t<string>\n"))
        #expect(recursive.hasSuffix("    name\t<string>\n  nodeSelector\t<map[string]string>\n\n"))
        let leaf = try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: ["spec", "containers", "image"], recursive: false)
        #expect(leaf == "KIND:       Pod\nVERSION:    v1\n\nFIELD: image <string>\n\n\nDESCRIPTION:\n    Container image name.\n    \n\n")
        #expect(throws: KubectlError.self) { try explainer.explain(group: "", version: "v1", kind: "Pod", fieldPath: ["nope"], recursive: false) }
        #expect(throws: KubectlError.self) { try explainer.explain(group: "apps", version: "v1", kind: "Deployment", fieldPath: [], recursive: false) }
    }

    @Test func wrapsAtEightyColumns() {
        let explainer = OpenAPIExplainer(document: [:])
        let text = String(repeating: "word ", count: 30)
        for line in explainer.wrap(text, indent: 4).split(separator: "\n") { #expect(line.count <= 80) }
    }
}
