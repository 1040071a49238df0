# The CreditFlow host as a container: build with the .NET SDK, run on the ASP.NET Core runtime as a
# non-root user on port 8080. Settings come from the environment (local.settings.sample.json lists them).
#   docker build -t creditflow .
#   docker run -p 8080:8080 -e AzureWebJobsStorage=... creditflow
# The workspace's npm packages (Chart.js): the host build embeds them (WorkspaceAssets); Azurite, a dev tool, is left out.
FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=assets /src/node_modules node_modules/

# Project files first, so a change of code does not restore the packages again.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Directory.Build.targets src/
COPY workflows/Directory.Build.targets workflows/
COPY src/CreditFlow.Domain/CreditFlow.Domain.csproj src/CreditFlow.Domain/
COPY src/CreditFlow.Durable/CreditFlow.Durable.csproj src/CreditFlow.Durable/
COPY src/CreditFlow.ErpContract/CreditFlow.ErpContract.csproj src/CreditFlow.ErpContract/
COPY src/CreditFlow.Storage/CreditFlow.Storage.csproj src/CreditFlow.Storage/
COPY workflows/CreditFlow.Workflows/CreditFlow.Workflows.csproj workflows/CreditFlow.Workflows/
COPY src/CreditFlow.Host/CreditFlow.Host.csproj src/CreditFlow.Host/
RUN dotnet restore src/CreditFlow.Host/CreditFlow.Host.csproj

COPY src/ src/
COPY workflows/ workflows/
RUN dotnet publish src/CreditFlow.Host/CreditFlow.Host.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The durable runtime's settings, read from the content root as in Azure Functions.
COPY host.json ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "CreditFlow.Host.dll"]
