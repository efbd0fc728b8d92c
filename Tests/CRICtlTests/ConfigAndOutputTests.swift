import CRI
@testable import CRICtl
import Foundation
import Testing

@Suite("crictl config files and JSON/YAML output", .timeLimit(.minutes(5)))
struct ConfigAndOutputTests {
    func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crictl-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func podConfigInJSONWithSnakeCaseNames() throws {
        let path = try write("""
            {"metadata":{"name":"x","namespace":"default","uid":"u","attempt":1},"log_directory":"/tmp",
             "linux":{"security_context":{"namespace_options":{"network":"POD","pid":1}}},"port_mappings":[{"container_port":80}],
             "somethingNew":true}
            """, "pod.json")
        let config = try ConfigFile.podSandboxConfig(path: path)
        #expect(config.metadata.name == "x" && config.metadata.namespace == "default" && config.metadata.uid == "u")
        #expect(config.metadata.attempt == 1)
        #expect(config.logDirectory == "/tmp")
        #expect(config.linux.securityContext.namespaceOptions.network == .pod)
        #expect(config.linux.securityContext.namespaceOptions.pid == .container)
        #expect(config.portMappings.first?.containerPort == 80)
    }

    @Test func podConfigInYAMLWithCamelCaseNames() throws {
        let path = try write("""
            metadata:
              name: web
              namespace: prod
            logDirectory: /var/log/pods/web
            hostname: "123"
            labels:
              app: web
              tier: "1"
            dns_config:
              servers: [10.96.0.10]
            """, "pod.yaml")
        let config = try ConfigFile.podSandboxConfig(path: path)
        #expect(config.metadata.name == "web" && config.metadata.namespace == "prod")
        #expect(!config.metadata.uid.isEmpty, "crictl makes up a UID when the config has none")
        #expect(config.logDirectory == "/var/log/pods/web")
        #expect(config.hostname == "123")
        #expect(config.labels == ["app": "web", "tier": "1"])
        #expect(config.dnsConfig.servers == ["10.96.0.10"])
    }

    @Test func containerConfigInYAML() throws {
        let path = try write("""
            metadata:
              name: busy
            image:
              image: busybox
            command: [sh, -c, "echo hi; sleep 1"]
            log_path: busy/0.log
            linux:
              security_context:
                run_as_user:
                  value: 1000
            envs:
            - key: A
              value: "true"
            """, "c.yaml")
        let config = try ConfigFile.containerConfig(path: path)
        #expect(config.metadata.name == "busy" && config.image.image == "busybox")
        #expect(config.command == ["sh", "-c", "echo hi; sleep 1"])
        #expect(config.logPath == "busy/0.log")
        #expect(config.linux.securityContext.runAsUser.value == 1000)
        #expect(config.envs.first?.value == "true")
    }

    @Test func configsMissingRequiredFieldsAreRefused() throws {
        #expect(throws: CRICtlError.self) { try ConfigFile.podSandboxConfig(path: try write(#"{"metadata":{"name":"x"}}"#, "p.json")) }
        #expect(throws: CRICtlError.self) { try ConfigFile.podSandboxConfig(path: try write(#"{"hostname":"x"}"#, "p.json")) }
        #expect(throws: CRICtlError.self) { try ConfigFile.containerConfig(path: try write("metadata: {name: c}\n", "c.yaml")) }
        #expect(throws: CRICtlError.self) { try ConfigFile.containerConfig(path: "/nonexistent/c.json") }
        #expect(throws: CRICtlError.self) { try ConfigFile.podSandboxConfig(path: try write("{not json", "p.json")) }
    }

    @Test func jsonIsIndentedAsGoAndKeepsProtobufOrder() throws {
        var response = Runtime_V1_ListContainersResponse()
        var container = Runtime_V1_Container()
        container.id = "abc"
        container.podSandboxID = "pod"
        container.state = .containerExited
        container.createdAt = 1_700_000_000_000_000_000
        response.containers = [container]
        let value = try ProtoPrinter.json(response)
        #expect(value.indented() == """
            {
              "containers": [
                {
                  "id": "abc",
                  "podSandboxId": "pod",
                  "state": "CONTAINER_EXITED",
                  "createdAt": "1700000000000000000"
                }
              ]
            }
            """)
        #expect(JSONValue.object([("a", .array([])), ("b", .object([]))]).indented() == "{\n  \"a\": [],\n  \"b\": {}\n}")
    }

    @Test func statusDocumentSortsKeysAndParsesInfo() throws {
        let document = ProtoPrinter.statusDocument(
            status: .object([("state", .string("CONTAINER_RUNNING")), ("id", .string("x"))]),
            info: ["info": #"{"pid":42,"config":{"b":1,"a":[true,null]}}"#, "plain": #""quoted""#])
        #expect(document.compact() == #"{"info":{"config":{"a":[true,null],"b":1},"pid":42},"plain":"quoted","status":{"id":"x","state":"CONTAINER_RUNNING"}}"#)
        #expect(ProtoPrinter.statusDocuments([document, document]).compact().hasPrefix("[{"))
        #expect(try document.yaml() == """
            info:
              config:
                a:
                - true
                - null
                b: 1
              pid: 42
            plain: quoted
            status:
              id: x
              state: CONTAINER_RUNNING

            """)
    }

    @Test func jsonRoundTripsEscapesAndYAMLQuotesAmbiguousStrings() throws {
        let value = try JSONValue(parsing: #"{"s":"a\"b\\c\n\u00e9\ud83d\ude00","n":-1.5e3,"t":"true","e":"","num":"123"}"#)
        #expect(value["s"] == .string("a\"b\\c\né😀"))
        #expect(value["n"] == .number("-1.5e3"))
        #expect(try JSONValue(parsing: value.compact()) == value)
        let yaml = try value.yaml()
        #expect(yaml.contains("t: \"true\"") && yaml.contains("e: \"\"") && yaml.contains("num: \"123\"") && yaml.contains("n: -1.5e3"))
        #expect(throws: JSONValueError.self) { try JSONValue(parsing: #"{"a":1,}"#) }
        #expect(throws: JSONValueError.self) { try JSONValue(parsing: "[1] x") }
    }

    @Test func inspectTimesAsCrictlWritesThem() throws {
        var status = Runtime_V1_ContainerStatus()
        status.id = "c"
        status.state = .containerCreated
        status.createdAt = 1_700_000_000_000_000_000
        let created = try InspectContainer.statusJSON(status)
        #expect(created["state"] == .string("CONTAINER_CREATED"))
        #expect(created["exitCode"] == .number("0"))
        #expect(created["startedAt"] == .string(HumanFormat.zeroTime))
        #expect(created["finishedAt"] == .string(HumanFormat.zeroTime))
        status.state = .containerExited
        status.startedAt = 1_700_000_001_000_000_000
        status.finishedAt = 1_700_000_002_500_000_000
        status.exitCode = 3
        let exited = try InspectContainer.statusJSON(status)
        #expect(exited["exitCode"] == .number("3"))
        #expect(exited["finishedAt"] == .string(HumanFormat.rfc3339Nano(status.finishedAt)))
        #expect(exited["createdAt"] == .string(HumanFormat.rfc3339Nano(status.createdAt)))
    }
}
