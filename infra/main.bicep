// Träffpunkt on Azure: Cosmos DB for NoSQL, App Service (Linux, Node 24), a user-assigned
// managed identity, Azure Bot with the Microsoft Teams channel, Application Insights and Log
// Analytics. Deploy into a resource group:
//
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json \
//     -p botAppId=<entra app id> botAppPassword=<client secret> linkSecret=<48+ random chars>
//
// See infra/README.md for the whole procedure; Microsoft 365 Agents Toolkit deploys the same
// template from m365agents.yml (parameters in main.parameters.m365agents.json). The code is built
// once, before upload (scripts/stage-deploy.ts); App Service only starts it.
// test/infra/bicep-consistency.test.ts keeps the
// containers and app settings here in step with src/ (no Bicep compiler runs in CI).

targetScope = 'resourceGroup'

// ------------------------------------------------------------------ parameters

@description('Short base name; resource names get a suffix unique to the resource group.')
@minLength(3)
@maxLength(16)
param name string = 'traffpunkt'

@description('Region for everything except the bot registration (global). Sweden Central keeps data in Sweden.')
param location string = resourceGroup().location

@description('How the bot authenticates. SingleTenant: an Entra app registration with a client secret (needed for tab SSO and the meeting RSC permissions, see infra/README.md). UserAssignedMSI: the managed identity below, no secret.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('SingleTenant: the Entra app registration\'s application (client) id. Ignored for UserAssignedMSI.')
param botAppId string = ''

@description('SingleTenant: a client secret of that app registration. Ignored for UserAssignedMSI.')
@secure()
param botAppPassword string = ''

@description('Entra tenant of the bot (and of the app registration).')
param tenantId string = tenant().tenantId

@description('Signs links the bot hands out; the same value on every instance and every deployment (at least 32 characters).')
@secure()
@minLength(32)
param linkSecret string

@description('Cosmos DB capacity: Serverless (pay per request, the default) or Autoscale (provisioned, shared by all containers).')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale only: the maximum RU/s of the database (it scales between 10% and this).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'traffpunkt'

@description('App Service plan SKU (Basic or higher: Always On keeps the scheduler running).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Number of instances. Registrations and the scheduler are safe with several.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('App Service runtime stack.')
param linuxFxVersion string = 'NODE|24-lts'

@description('Tenant ids allowed to use the bot, comma separated (ALLOWED_TENANTS). Default: this tenant.')
param allowedTenants string = tenant().tenantId

@description('Entra object ids made coordinators at start, comma separated (COORDINATORS).')
param coordinators string = ''

@description('pino log level (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

@description('Azure Bot pricing tier; the Teams channel is a standard channel (free in F0).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

param tags object = {
  app: 'traffpunkt'
}

// ------------------------------------------------------------------ names

var suffix = uniqueString(resourceGroup().id)
var baseName = toLower(name)
var webAppName = '${baseName}-${suffix}'
var hostName = '${webAppName}.azurewebsites.net'
var isMsi = botAppType == 'UserAssignedMSI'
var serverless = cosmosCapacityMode == 'Serverless'

// Every container in src/platform/cosmos/containers.ts with the same partition key. personalData
// containers get defaultTtl -1: TTL is on, nothing expires unless an item sets its own `ttl`
// (retention per item, next to the purge job that works everywhere).
var containers = [
  {
    name: 'activities'
    partitionKey: '/activityId'
    personalData: true
    compositeIndexes: []
  }
  {
    name: 'directory'
    partitionKey: '/pk'
    personalData: true
    compositeIndexes: []
  }
  {
    name: 'conversations'
    partitionKey: '/id'
    personalData: true
    compositeIndexes: []
  }
  {
    name: 'jobs'
    partitionKey: '/day'
    personalData: true
    // "What is due now": equality on type and status, range and ORDER BY on the time.
    compositeIndexes: [
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/dueAt'
          order: 'ascending'
        }
      ]
      [
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/leaseUntil'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    name: 'meetings'
    partitionKey: '/id'
    personalData: true
    compositeIndexes: []
  }
]

// ------------------------------------------------------------------ monitoring

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// ------------------------------------------------------------------ identity

// Used for Cosmos DB (data-plane RBAC, no keys) and, with UserAssignedMSI, as the bot's identity.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-${suffix}'
  location: location
  tags: tags
}

// ------------------------------------------------------------------ Cosmos DB

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    // No account keys at all: the app uses its managed identity (COSMOS_KEY stays unset).
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: serverless ? {} : {
      autoscaleSettings: {
        maxThroughput: cosmosAutoscaleMaxThroughput
      }
    }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: [
          c.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [
          {
            path: '/"_etag"/?'
          }
        ]
        compositeIndexes: c.compositeIndexes
      }
    }, c.personalData ? {
      defaultTtl: -1
    } : {})
    options: {}
  }
}]

// Cosmos DB Built-in Data Contributor: read and write items, read metadata. Not: create or
// delete databases and containers (this template does that).
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ------------------------------------------------------------------ App Service

var microsoftAppId = isMsi ? identity.properties.clientId : botAppId

// Every name here is either read by src/config.ts or by the platform (see the consistency test).
var appSettings = concat([
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  {
    name: 'HOST'
    value: '0.0.0.0'
  }
  {
    name: 'MicrosoftAppId'
    value: microsoftAppId
  }
  {
    name: 'MicrosoftAppType'
    value: botAppType
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenantId
  }
  {
    name: 'COSMOS_ENDPOINT'
    value: cosmos.properties.documentEndpoint
  }
  {
    name: 'COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'ALLOWED_TENANTS'
    value: allowedTenants
  }
  {
    name: 'COORDINATORS'
    value: coordinators
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'PUBLIC_URL'
    value: 'https://${hostName}'
  }
  {
    name: 'LINK_SECRET'
    value: linkSecret
  }
  {
    // Teams allows about 50 proactive messages per second per app and tenant: shared by the instances.
    name: 'SEND_RATE_PER_SECOND'
    value: string(max(1, 50 / instanceCount))
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // The agent is off: the app starts Azure Monitor OpenTelemetry itself (src/platform/telemetry.ts),
    // and both at once would register the OpenTelemetry providers twice.
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: 'disabled'
  }
  {
    // The zip is already built (dist/ and production node_modules, scripts/stage-deploy.ts):
    // App Service (Oryx) must not install or build again.
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
], isMsi ? [] : [
  {
    name: 'MicrosoftAppPassword'
    value: botAppPassword
  }
])

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // The uploaded zip holds the compiled code; start it directly (npm start would rebuild).
      appCommandLine: 'node --enable-source-maps dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      appSettings: appSettings
    }
  }
  dependsOn: [
    cosmosContainers
    cosmosDataContributor
  ]
}

resource ftpOff 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// pino's JSON lines (stdout), HTTP access logs and platform events into Log Analytics.
resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ------------------------------------------------------------------ Azure Bot

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${baseName}-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: union({
    displayName: 'Träffpunkt'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: botAppType
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
  }, isMsi ? {
    msaAppMSIResourceId: identity.id
  } : {})
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ------------------------------------------------------------------ outputs

@description('Host name of the web app: BOT_DOMAIN for npm run package.')
output webAppHostName string = webApp.properties.defaultHostName

@description('Web app name, for az webapp deploy.')
output webAppName string = webApp.name

@description('The bot\'s Microsoft App Id: MicrosoftAppId for npm run package.')
output botAppId string = microsoftAppId

@description('Resource id of the Azure Bot.')
output botResourceId string = bot.id

@description('Messaging endpoint registered with the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('Cosmos DB endpoint (COSMOS_ENDPOINT).')
output cosmosEndpoint string = cosmos.properties.documentEndpoint

@description('Cosmos DB account name.')
output cosmosAccountName string = cosmos.name

@description('Client id of the user-assigned managed identity (AZURE_CLIENT_ID).')
output identityClientId string = identity.properties.clientId

@description('Principal (object) id of the managed identity, for extra role assignments.')
output identityPrincipalId string = identity.properties.principalId

// Microsoft 365 Agents Toolkit (arm/deploy) writes every output to env/.env.<env> under its
// upper-cased name; these three are the names m365agents.yml and appPackage/manifest.json use.
@description('Agents Toolkit: the web app that azureAppService/zipDeploy deploys to.')
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id

@description('Agents Toolkit: BOT_DOMAIN in the Teams manifest.')
output BOT_DOMAIN string = webApp.properties.defaultHostName

@description('Agents Toolkit: the bot\'s public base URL.')
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
