import Foundation
import KubeAPI
import Testing

@testable import Kubectl

@Suite struct PrinterTests {
    static let pods: JSONValue = [
        "kind": "List", "apiVersion": "v1",
        "items": [
            [
                "metadata": ["name": "web-1", "namespace": "default", "labels": ["app": "web"]],
                "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"], ["name": "log", "image": "busybox"]]],
                "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]],
            ],
            [
                "metadata": ["name": "db", "namespace": "default"],
                "spec": ["containers": [["name": "pg", "image": "postgres"]]],
                "status": ["phase": "Pending", "conditions": [["type": "Ready", "status": "False"]]],
            ],
        ],
    ]

    @Test func tabWriterPadsColumnsByThreeWithMinimumSix() {
        var writer = TabWriter()
        let out = writer.format([["NAME", "READY", "STATUS", "AGE"], ["nginx", "1/1", "Running", "5s"], ["a", "0/1", "Pending", "10m"]])
        #expect(out == "NAME    READY   STATUS    AGE\nnginx   1/1     Running   5s\na       0/1     Pending   10m\n")
    }

    @Test func tabWriterRemembersWidthsAcrossCalls() {
        var writer = TabWriter()
        _ = writer.format([["NAME", "STATUS"], ["a", "Running"]])
        // A later, narrower row keeps the header's alignment; a wider one widens the column.
        #expect(writer.format([["b", "Pending"]]) == "b      Pending\n")
        #expect(writer.format([["much-longer-name", "x"]]) == "much-longer-name   x\n")
        #expect(writer.format([["c", "y"]]) == "c                  y\n")
    }

    @Test func tabWriterAlignsBlocksSeparately() {
        var writer = TabWriter.describe
        let out = writer.format(text: "Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nQoS Class:\tBestEffort\n")
        // "IPs:" has no cell, so it ends the first block; "  IP:" aligns with the lines after it (Go's tabwriter).
        #expect(out == "Name:       web\nNamespace:  default\nIPs:\n  IP:       10.0.0.1\nQoS Class:  BestEffort\n")
        var other = TabWriter.describe
        #expect(other.format(text: "A:\t1\nIPs:\n  IP:\t2\n") == "A:  1\nIPs:\n  IP:  2\n")
    }

    @Test func tableRendererHidesWideColumnsAndAddsNamespaceAndKind() {
        let table = ServerTable.table(
            group: "", kind: "Pod",
            objects: PrinterTests.pods["items"]!.arrayValue!.map { item in
                var item = item
                item.set(path: ["metadata", "creationTimestamp"], to: "2024-05-01T11:59:00Z")
                return item
            },
            now: RFC3339Date.parse("2024-05-01T12:00:00Z")!)
        var plain = TableRenderer(options: TablePrintOptions())
        let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap(ServerTableColumn.init(json:))
        let rows = table["rows"]!.arrayValue!
        // Age is computed at print time by the server; here it is whatever the table says.
        let plainText = plain.render(columns: columns, rows: rows)
        #expect(plainText.hasPrefix("NAME    READY   STATUS    RESTARTS   AGE\n"))
        #expect(plainText.contains("\nweb-1   0/2     Running   0          60s\n"))
        var wide = TableRenderer(options: TablePrintOptions(wide: true, withNamespace: true, showLabels: true, kindPrefix: "pod"))
        let wideText = wide.render(columns: columns, rows: rows)
        let header = wideText.split(separator: "\n").first!
        #expect(header.hasPrefix("NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES   LABELS"))
        #expect(wideText.contains("default     pod/web-1   "))
        #expect(wideText.contains("app=web\n"))
        #expect(wideText.contains("<none>\n"))
    }

    @Test func cellTextCutsAtLineBreaks() {
        #expect(TableRenderer.cellText("first\nsecond") == "first...")
        #expect(TableRenderer.cellText(.int(3)) == "3")
        #expect(TableRenderer.cellText(.bool(true)) == "true")
    }

    @Test func jsonPathItemsWildcard() throws {
        #expect(try JSONPathTemplate("{.items[*].metadata.name}").render(PrinterTests.pods) == "web-1 db")
        #expect(try JSONPathTemplate("{.items[0].spec.containers[*].image}").render(PrinterTests.pods) == "nginx:1.25 busybox")
        #expect(try JSONPathTemplate("{.items[-1:].metadata.name}").render(PrinterTests.pods) == "db")
        #expect(try JSONPathTemplate("{.items[1].metadata.labels}").render(PrinterTests.pods) == "")
        #expect(try JSONPathTemplate("{.items[0].metadata.labels}").render(PrinterTests.pods) == #"{"app":"web"}"#)
        #expect(try JSONPathTemplate("{..image}").render(PrinterTests.pods) == "nginx:1.25 busybox postgres")
    }

    @Test func jsonPathRangeEndAndLiterals() throws {
        let template = try JSONPathTemplate(#"{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}"#)
        #expect(try template.render(PrinterTests.pods) == "web-1\tRunning\ndb\tPending\n")
        let nested = try JSONPathTemplate("{range .items[*]}[{range .spec.containers[*]}{.name},{end}]{end}")
        #expect(try nested.render(PrinterTests.pods) == "[nginx,log,][pg,]")
        #expect(try JSONPathTemplate("name: {.items[0].metadata.name}!").render(PrinterTests.pods) == "name: web-1!")
    }

    @Test func jsonPathFilters() throws {
        let ready = #"{.items[?(@.status.phase=="Running")].metadata.name}"#
        #expect(try JSONPathTemplate(ready).render(PrinterTests.pods) == "web-1")
        let condition = #"{.items[*].status.conditions[?(@.type=='Ready')].status}"#
        #expect(try JSONPathTemplate(condition).render(PrinterTests.pods) == "True False")
        #expect(throws: JSONPathError.self) { try JSONPathTemplate("{.items[*}") }
        #expect(throws: JSONPathError.self) { try JSONPathTemplate("{end}") }
    }

    @Test func customColumns() throws {
        let printer = try CustomColumnsPrinter(spec: "NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:metadata.labels.app")
        var writer = TabWriter()
        let out = try printer.render(PrinterTests.pods["items"]!.arrayValue!, writer: &writer)
        #expect(out == "NAME    IMAGES               APP\nweb-1   nginx:1.25,busybox   web\ndb      postgres             <none>\n")
        #expect(throws: KubectlError.self) { try CustomColumnsPrinter(spec: "NAME") }
    }

    @Test func outputFormatParsing() throws {
        #expect(try OutputFormat(nil) == .table)
        #expect(try OutputFormat("wide") == .wide)
        #expect(try OutputFormat("jsonpath={.a}") == .jsonpath("{.a}"))
        #expect(try OutputFormat("custom-columns=A:.a") == .customColumns("A:.a"))
        #expect(throws: KubectlError.self) { try OutputFormat("xml") }
    }

    @Test func listsPrintAsKindList() throws {
        let items = PrinterTests.pods["items"]!.arrayValue!
        let yaml = try ObjectPrinter.print(items, format: .yaml, asList: true)
        #expect(yaml.hasPrefix("apiVersion: v1\nitems:\n- metadata:\n"))
        #expect(yaml.hasSuffix("kind: List\nmetadata:\n  resourceVersion: \"\"\n"))
        let json = try ObjectPrinter.print([["kind": "Pod", "apiVersion": "v1"]], format: .json, asList: false)
        #expect(json == "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\"\n}\n")
        let names = try ObjectPrinter.print([["kind": "Deployment", "apiVersion": "apps/v1", "metadata": ["name": "web"]]], format: .name, asList: true)
        #expect(names == "deployment.apps/web\n")
    }
}

@Suite struct GoTemplateTests {
    @Test func commonTemplates() throws {
        let pods = PrinterTests.pods
        #expect(try GoTemplate("{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}").render(pods) == "web-1\ndb\n")
        #expect(try GoTemplate("{{range .items}}{{if .metadata.labels}}{{index .metadata.labels \"app\"}}{{else}}-{{end}} {{end}}").render(pods) == "web - ")
        #expect(try GoTemplate("{{len .items}} {{.kind}} {{.missing}}").render(pods) == "2 List <no value>")
        #expect(try GoTemplate("{{range .items}}\n  {{- .metadata.name -}}\n{{end}}").render(pods) == "web-1db")
        #expect(try GoTemplate("{{index .items 0 \"metadata\" \"labels\"}}").render(pods) == "map[app:web]")
        #expect(throws: KubectlError.self) { try GoTemplate("{{range .items}}") }
    }
}
