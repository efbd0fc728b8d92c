import KubeAPI
import KubeStore
