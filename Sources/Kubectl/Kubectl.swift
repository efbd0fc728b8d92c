import KubeAPI
import KubeClient
