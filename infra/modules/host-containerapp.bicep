// The host on Azure Container Apps: several replicas share one task hub; secrets are Key Vault references
// read with the managed identity; liveness and readiness are the host's /healthz and /readyz.
param location string
param namePrefix string
param tags object
param image string
param registryServer string
param identityId string
param workspaceName string
param workspaceCustomerId string
param minReplicas int
param maxReplicas int

@description('Setting name → value.')
param plainSettings object

@description('Setting name → Key Vault secret URI.')
param keyVaultReferences object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspaceCustomerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

// Container Apps secret names: lowercase letters, digits and '-'.
var secretEntries = [for s in items(keyVaultReferences): {
  setting: s.key
  name: toLower(replace(s.key, '__', '-'))
  uri: s.value
}]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-host'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: [for s in secretEntries: {
        name: s.name
        keyVaultUrl: s.uri
        identity: identityId
      }]
    }
    template: {
      containers: [
        {
          name: 'creditflow'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: concat(
            map(items(plainSettings), s => { name: s.key, value: s.value }),
            map(secretEntries, s => { name: s.setting, secretRef: s.name }))
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
