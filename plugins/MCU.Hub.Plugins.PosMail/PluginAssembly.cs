using MCU.Hub;

[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)]
