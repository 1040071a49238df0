// The host as an App Service web app running the same container; settings that are secrets are Key Vault
// references resolved with the managed identity. Instances (workers) share one task hub.
param location string
param namePrefix string
param tags object
param image string
param registryServer string
param identityId string
param identityClientId string
param instances int

@description('Setting name → value.')
param plainSettings object

@description('Setting name → Key Vault secret URI.')
param keyVaultReferences object

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: 'P1v3'
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

var settings = union(
  plainSettings,
  toObject(items(keyVaultReferences), s => s.key, s => '@Microsoft.KeyVault(SecretUri=${s.value})'),
  {
    WEBSITES_PORT: '8080'
    WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
  })

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${namePrefix}-host-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOCKER|${image}'
      acrUseManagedIdentityCreds: !empty(registryServer)
      acrUserManagedIdentityID: empty(registryServer) ? null : identityClientId
      alwaysOn: true
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for s in items(settings): {
        name: s.key
        value: s.value
      }]
    }
  }
}

output url string = 'https://${site.properties.defaultHostName}'
