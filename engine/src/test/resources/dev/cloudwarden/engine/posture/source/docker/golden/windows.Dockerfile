# escape=`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN New-Item -ItemType Directory C:\app ; `
    Invoke-WebRequest https://example.com/app.zip -OutFile C:\app\app.zip
COPY app.config C:\app\
USER ContainerUser
