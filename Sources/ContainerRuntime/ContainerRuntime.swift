import Linux

/// Namespace for the container runtime (the CRI server's engine).
public enum ContainerRuntime {}
