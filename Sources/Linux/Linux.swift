import CLinux
import Glibc

/// Namespace for the typed face of the kernel.
public enum Linux {}
