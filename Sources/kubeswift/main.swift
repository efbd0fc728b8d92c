import KubeswiftCLI

await KubeswiftMain.run()
