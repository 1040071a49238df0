// Key Vault with RBAC: the host's managed identity reads the secrets, nobody's key is in an app setting.
param location string
param vaultName string
param tags object

@description('Principal id of the managed identity that reads the secrets.')
param readerPrincipalId string

@description('Secret values by short name; empty ones are stored empty and left out of the settings.')
@secure()
param secrets object

// Key Vault Secrets User: read secret values, nothing else.
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

var names = {
  storage: 'storage-connection'
  admin: 'admin-key'
  approvals: 'approval-signing-key'
  approvalsPrevious: 'approval-signing-key-previous'
  erp: 'erp-signing-key-0'
  erpNext: 'erp-signing-key-1'
  sendgrid: 'sendgrid-api-key'
  signin: 'signin-client-secret'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource secretValues 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for entry in items(names): {
  parent: vault
  name: entry.value
  properties: {
    value: empty(secrets[entry.key]) ? 'unset' : secrets[entry.key]
  }
}]

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name

// Versionless URIs: a new secret version is picked up when the app restarts (rotation, docs/operations.md).
output secretUris object = toObject(items(names), e => e.key, e => '${vault.properties.vaultUri}secrets/${e.value}')
