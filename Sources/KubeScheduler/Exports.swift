// KubeScheduler is the scheduler as a component: the I/O-free core (framework, plugins,
// cache, queue, scheduling loop) from KubeSchedulerCore, plus what talks to a cluster
// (the REST binder, informer wiring). Importing KubeScheduler brings both.
@_exported import KubeSchedulerCore
