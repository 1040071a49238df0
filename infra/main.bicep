// CreditFlow on Azure: one storage account (the task hub and the credit data), Key Vault holding every
// secret, a managed identity that reads them, Application Insights, and the host as a Container App
// (default) or an App Service web app; the Azure Functions app of the same workflows as an option.
// Deploy: infra/README.md.
targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Prefix of every resource name (3-11 lowercase letters or digits).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('How the host runs: containerApp (Azure Container Apps, scales by replicas) or appService (a Linux web app running the same image).')
@allowed([
  'containerApp'
  'appService'
])
param hostingModel string = 'containerApp'

@description('The host\'s container image, built from the repository\'s Dockerfile, e.g. myregistry.azurecr.io/creditflow:1.0.')
param containerImage string

@description('Registry server of the image, pulled with the managed identity (grant it AcrPull); empty for a public image.')
param registryServer string = ''

@description('How many host instances run at least and at most; they share one task hub (infra/README.md).')
@minValue(1)
param minInstances int = 2

@maxValue(30)
param maxInstances int = 4

@description('Task hub name: every instance of the host uses the same one.')
param hubName string = 'CreditFlow'

@description('Partitions of the task hub, fixed when the hub is created: the most host instances that can share work.')
@minValue(1)
@maxValue(16)
param partitionCount int = 4

@description('The address people reach CreditFlow at (approval links, sign-in callback, origin checks). Empty: the host\'s own default address.')
param publicBaseUrl string = ''

@description('Reverse proxies whose X-Forwarded-* headers are believed. The platform\'s ingress reaches the app from private addresses only, hence the default; narrow it to your own front door\'s.')
param knownProxies string = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10'

@description('Guards /admin and the durable management API (at least 16 characters).')
@secure()
@minLength(16)
param adminKey string

@description('Signs approval links and credit sessions (at least 32 characters).')
@secure()
@minLength(32)
param approvalSigningKey string

@description('While rotating: the key approval links were signed with before; empty otherwise (docs/operations.md).')
@secure()
param previousApprovalSigningKey string = ''

@description('HMAC key the ERP signs its webhooks with (at least 32 characters).')
@secure()
@minLength(32)
param erpSigningKey string

@description('While rotating: the ERP\'s second key, valid at the same time; empty otherwise.')
@secure()
param erpSigningKeyNext string = ''

@description('Where the ERP receives hold outcomes; empty: no callback.')
param erpCallbackUrl string = ''

@description('SendGrid API key; empty: mail goes to the storage outbox.')
@secure()
param sendGridApiKey string = ''

@description('Sender address of every mail.')
param mailFrom string = 'credit@example.com'

@description('API keys for machines: name, role (a CreditRole) and the SHA-256 of the key in lowercase hex (the key itself is never deployed).')
param apiKeys array = []

@description('Staff sign-in (OpenID Connect, e.g. https://login.microsoftonline.com/<tenant>/v2.0); empty: API keys only.')
param signInAuthority string = ''

@description('The app registration\'s client id.')
param signInClientId string = ''

@description('The app registration\'s client secret.')
@secure()
param signInClientSecret string = ''

@description('Role-claim values per CreditFlow role, e.g. { CreditManager: \'CreditFlow.CreditManager\', Admin: \'CreditFlow.Admin\' }.')
param signInRoles object = {}

@description('Share of traces kept (0-1, as a string).')
param traceSampleRatio string = '1'

@description('Also deploy the Azure Functions app of the same workflows (functions/CreditFlow.Functions, deployed as a package).')
param deployFunctionsApp bool = false

@description('Task hub of the Functions app: its backend (the Durable Task Framework) stores hubs its own way, so it never shares the host\'s.')
param functionsHubName string = 'CreditFlowFunctions'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var tags = {
  application: 'CreditFlow'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${namePrefix}${suffix}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Backups: deleted or overwritten blobs stay recoverable for two weeks (docs/operations.md).
    deleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    isVersioningEnabled: true
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    location: location
    vaultName: take('${namePrefix}-kv-${suffix}', 24)
    tags: tags
    readerPrincipalId: identity.properties.principalId
    secrets: {
      storage: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
      admin: adminKey
      approvals: approvalSigningKey
      approvalsPrevious: previousApprovalSigningKey
      erp: erpSigningKey
      erpNext: erpSigningKeyNext
      sendgrid: sendGridApiKey
      signin: signInClientSecret
    }
  }
}

// Every setting the host reads (local.settings.sample.json documents them); secrets come from Key Vault.
var plainSettings = union(
  {
    ASPNETCORE_ENVIRONMENT: 'Production'
    AzureFunctionsJobHost__extensions__durableTask__hubName: hubName
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount: string(partitionCount)
    SendGrid__From: mailFrom
    Erp__CallbackUrl: erpCallbackUrl
    Proxy__KnownProxies: knownProxies
    Telemetry__Exporter: 'AzureMonitor'
    Telemetry__SampleRatio: traceSampleRatio
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  },
  empty(publicBaseUrl) ? {} : { PublicBaseUrl: publicBaseUrl },
  empty(signInAuthority) ? {} : {
    SignIn__Authority: signInAuthority
    SignIn__ClientId: signInClientId
  },
  toObject(items(signInRoles), r => 'SignIn__Roles__${r.key}', r => r.value),
  reduce(map(range(0, length(apiKeys)), i => {
    'ApiKeys__${i}__Name': apiKeys[i].name
    'ApiKeys__${i}__Role': apiKeys[i].role
    'ApiKeys__${i}__Sha256': apiKeys[i].sha256
  }), {}, (all, entry) => union(all, entry)))

// Setting name → Key Vault secret URI; an empty optional secret is left out.
var keyVaultReferences = union(
  {
    AzureWebJobsStorage: vault.outputs.secretUris.storage
    AdminKey: vault.outputs.secretUris.admin
    Approvals__SigningKey: vault.outputs.secretUris.approvals
    Erp__SigningKeys__0: vault.outputs.secretUris.erp
  },
  empty(previousApprovalSigningKey) ? {} : { Approvals__PreviousSigningKey: vault.outputs.secretUris.approvalsPrevious },
  empty(erpSigningKeyNext) ? {} : { Erp__SigningKeys__1: vault.outputs.secretUris.erpNext },
  empty(sendGridApiKey) ? {} : { SendGrid__ApiKey: vault.outputs.secretUris.sendgrid },
  empty(signInAuthority) ? {} : { SignIn__ClientSecret: vault.outputs.secretUris.signin })

module containerApp 'modules/host-containerapp.bicep' = if (hostingModel == 'containerApp') {
  name: 'host-containerapp'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    image: containerImage
    registryServer: registryServer
    identityId: identity.id
    workspaceName: monitoring.outputs.workspaceName
    workspaceCustomerId: monitoring.outputs.workspaceCustomerId
    minReplicas: minInstances
    maxReplicas: maxInstances
    plainSettings: plainSettings
    keyVaultReferences: keyVaultReferences
  }
}

module appService 'modules/host-appservice.bicep' = if (hostingModel == 'appService') {
  name: 'host-appservice'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    image: containerImage
    registryServer: registryServer
    identityId: identity.id
    identityClientId: identity.properties.clientId
    instances: minInstances
    plainSettings: plainSettings
    keyVaultReferences: keyVaultReferences
  }
}

module functionsApp 'modules/functions.bicep' = if (deployFunctionsApp) {
  name: 'functions'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    identityId: identity.id
    storageConnectionSecretUri: vault.outputs.secretUris.storage
    hubName: functionsHubName
    appInsightsConnectionString: monitoring.outputs.connectionString
  }
}

@description('Where the host answers (set PublicBaseUrl to it, or to your own domain in front of it).')
output hostUrl string = hostingModel == 'containerApp' ? containerApp!.outputs.url : appService!.outputs.url

@description('The storage account holding the task hub and the credit data.')
output storageAccountName string = storage.name

@description('The Key Vault holding the secrets; rotate keys there (docs/operations.md).')
output keyVaultName string = vault.outputs.name

@description('The Functions app, when deployed.')
output functionsAppName string = deployFunctionsApp ? functionsApp!.outputs.name : ''
